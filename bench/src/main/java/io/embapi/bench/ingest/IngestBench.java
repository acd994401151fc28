package io.embapi.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingestion into an indexed project (issue 9, ADR 0018): {@code raw} — batched INSERTs into a pgvector table with the
 * service's own HNSW index (halfvec, cosine, m 16, ef_construction 64), already holding {@code --warm} rows; {@code
 * api} — uploads through the REST API into a project that already has {@code --warm} rows and its HNSW index, each
 * batch answered once it is searchable. Then, for {@code api}, searches as the load left the project (no extra
 * reconcile): p50 through the API and recall@10 against brute force, unfiltered and with 50 / 5 / 1 % filters. One
 * line of results per run on stdout, prefixed {@code RESULT}; {@code ops/bench-ingest} interleaves the runs.
 */
@Command(name = "ingest-bench", mixinStandardHelpOptions = true,
        description = "raw INSERT into an HNSW-indexed pgvector table vs upload through the REST API")
public final class IngestBench implements Callable<Integer> {

    @Option(names = "--mode", required = true, description = "raw or api")
    String mode;
    @Option(names = "--label", defaultValue = "", description = "printed with the result")
    String label;
    @Option(names = "--url", description = "the service (mode api)")
    String url;
    @Option(names = "--admin-key", description = "the service's admin key (mode api)")
    String adminKey;
    @Option(names = "--jdbc-url", required = true)
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;
    @Option(names = "--dimensions", defaultValue = "384")
    int dimensions;
    @Option(names = "--rows", defaultValue = "30000", description = "rows timed")
    int rows;
    @Option(names = "--warm", defaultValue = "2000", description = "rows loaded (and indexed) before the timing")
    int warm;
    @Option(names = "--batch", defaultValue = "100")
    int batch;
    @Option(names = "--queries", defaultValue = "200", description = "searches per mode after the load (api)")
    int queries;
    @Option(names = "--seed", defaultValue = "42")
    long seed;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private float[][] centroids;
    private Random random;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        random = new Random(seed * 1_000_003 + dimensions);
        centroids = new float[100][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = unit(gaussian(1.0));
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, "")) {
            if (mode.equals("raw")) {
                raw(db);
            } else {
                api(db);
            }
        }
        return 0;
    }

    private void raw(Connection db) throws Exception {
        String table = "raw_ingest_" + dimensions + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        execute(db, "CREATE TABLE " + table + " (project_id bigint NOT NULL, text_id text NOT NULL, vector halfvec("
                + dimensions + ") NOT NULL, metadata jsonb, PRIMARY KEY (project_id, text_id))");
        db.setAutoCommit(false);
        insert(db, table, 0, warm);
        db.setAutoCommit(true);
        execute(db, "SET maintenance_work_mem = '256MB'");
        execute(db, "CREATE INDEX ON " + table + " USING hnsw (vector halfvec_cosine_ops) WITH (m = 16, "
                + "ef_construction = 64)");
        execute(db, "CHECKPOINT");
        db.setAutoCommit(false);
        double seconds = insert(db, table, warm, rows);
        db.setAutoCommit(true);
        result(String.format(Locale.ROOT, "rows_per_s=%.0f seconds=%.1f", rows / seconds, seconds));
        execute(db, "DROP TABLE " + table);
    }

    /** Inserts rows {@code from..from+count} in transactions of one JDBC batch each; the seconds the database took. */
    private double insert(Connection db, String table, int from, int count) throws Exception {
        long spent = 0;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table
                + " (project_id, text_id, vector, metadata) VALUES (1, ?, ?::halfvec, ?::jsonb)")) {
            for (int start = from; start < from + count; start += batch) {
                List<String[]> items = items(start, Math.min(batch, from + count - start));
                long t = System.nanoTime();
                for (String[] item : items) {
                    insert.setString(1, item[0]);
                    insert.setString(2, item[1]);
                    insert.setString(3, item[2]);
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                spent += System.nanoTime() - t;
            }
        }
        return spent / 1e9;
    }

    /** Text id, vector text and metadata of rows {@code from..from+count}: clustered unit vectors, 1/5/50 % classes. */
    private List<String[]> items(int from, int count) {
        List<String[]> items = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String category = i % 100 == 0 ? "p1" : i % 100 < 6 ? "p5" : i % 2 == 0 ? "p50" : "rest";
            items.add(new String[] {"t" + i, text(point()), "{\"cat\":\"" + category + "\",\"seq\":" + i + "}"});
        }
        return items;
    }

    private void api(Connection db) throws Exception {
        String user = "ing" + Long.toString(System.nanoTime() % 2_000_000_000L, 36);
        String key = call("PUT", "/v1/users/" + user, adminKey, "{\"user_handle\":\"" + user + "\",\"name\":\"Bench\","
                + "\"email\":\"" + user + "@bench.invalid\"}", 201).get("embapi_key").stringValue();
        call("PUT", "/v1/llm-instances/" + user + "/bench", key, "{\"instance_handle\":\"bench\",\"api_standard\":"
                + "\"openai\",\"dimensions\":" + dimensions + "}", 201);
        call("PUT", "/v1/projects/" + user + "/ingest", key, "{\"project_handle\":\"ingest\",\"instance_handle\":"
                + "\"bench\"}", 201);
        long projectId;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT project_id FROM project_view "
                + "WHERE owner = '" + user + "' AND project_handle = 'ingest'")) {
            r.next();
            projectId = r.getLong(1);
        }
        upload(user, key, 0, warm);
        call("POST", "/v1/admin/search-indexes/reconcile", adminKey, null, 200);
        double seconds = upload(user, key, warm, rows);
        String segments = indexes(db, projectId);
        List<String> cells = new ArrayList<>();
        Random queryRandom = new Random(seed * 1_000_003 + dimensions + 1);
        List<float[]> vectors = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            vectors.add(point(queryRandom));
        }
        for (String category : new String[] {null, "p50", "p5", "p1"}) {
            cells.add(searches(db, user, key, projectId, vectors, category));
        }
        result(String.format(Locale.ROOT, "rows_per_s=%.0f seconds=%.1f indexes_after_load=%s %s", rows / seconds,
                seconds, segments, String.join(" ", cells)));
    }

    /** Uploads rows {@code from..from+count} in batches; the seconds the service took (each answer = searchable). */
    private double upload(String user, String key, int from, int count) throws Exception {
        long spent = 0;
        for (int start = from; start < from + count; start += batch) {
            StringBuilder body = new StringBuilder("{\"embeddings\":[");
            boolean first = true;
            for (String[] item : items(start, Math.min(batch, from + count - start))) {
                body.append(first ? "" : ",").append("{\"text_id\":\"").append(item[0])
                        .append("\",\"instance_handle\":\"bench\",\"vector_dim\":").append(dimensions)
                        .append(",\"metadata\":").append(item[2]).append(",\"vector\":").append(item[1]).append('}');
                first = false;
            }
            long t = System.nanoTime();
            call("POST", "/v1/embeddings/" + user + "/ingest", key, body.append("]}").toString(), 201);
            spent += System.nanoTime() - t;
        }
        return spent / 1e9;
    }

    private static String indexes(Connection db, long projectId) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM pg_indexes "
                + "WHERE indexname LIKE 'embedding_view_hnsw_p" + projectId + "\\_%'")) {
            r.next();
            return Integer.toString(r.getInt(1));
        }
    }

    /** p50 ms through the API and recall@10 against brute force over the project's rows of that class. */
    private String searches(Connection db, String user, String key, long projectId, List<float[]> vectors,
                            String category) throws Exception {
        String filter = category == null ? "" : ",\"filter\":{\"must\":[{\"key\":\"cat\",\"equals\":\"" + category
                + "\"}]}";
        long[] latencies = new long[vectors.size()];
        double recall = 0;
        for (int q = 0; q < vectors.size(); q++) {
            String vector = text(vectors.get(q));
            long t = System.nanoTime();
            JsonNode found = call("POST", "/v1/similars/" + user + "/ingest?threshold=0&limit=10", key,
                    "{\"vector\":" + vector + filter + "}", 200);
            latencies[q] = System.nanoTime() - t;
            Set<String> ids = new HashSet<>();
            found.get("results").forEach(hit -> ids.add(hit.get("id").stringValue()));
            List<String> truth = new ArrayList<>();
            try (PreparedStatement exact = db.prepareStatement("SELECT text_id FROM embedding_view WHERE project_id = "
                    + "? " + (category == null ? "" : "AND metadata @> ?::jsonb ") + "ORDER BY vector <=> ?::halfvec "
                    + "LIMIT 10")) {
                int p = 1;
                exact.setLong(p++, projectId);
                if (category != null) {
                    exact.setString(p++, "{\"cat\":\"" + category + "\"}");
                }
                exact.setString(p, vector);
                try (ResultSet r = exact.executeQuery()) {
                    while (r.next()) {
                        truth.add(r.getString(1));
                    }
                }
            }
            recall += truth.stream().filter(ids::contains).count() / (double) truth.size();
        }
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "%s_p50_ms=%.2f %s_recall=%.3f", category == null ? "unfiltered"
                : category, latencies[latencies.length / 2] / 1e6, category == null ? "unfiltered" : category,
                recall / vectors.size());
    }

    private JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private void result(String values) {
        System.out.println("RESULT mode=" + mode + " label=" + label + " dims=" + dimensions + " rows=" + rows
                + " warm=" + warm + " batch=" + batch + " " + values);
    }

    private float[] point() {
        return point(random);
    }

    private float[] point(Random source) {
        float[] centroid = centroids[source.nextInt(centroids.length)];
        double sigma = 0.5 / Math.sqrt(dimensions);
        float[] point = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            point[i] = (float) (centroid[i] + sigma * source.nextGaussian());
        }
        return unit(point);
    }

    private float[] gaussian(double scale) {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (scale * random.nextGaussian());
        }
        return vector;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    private static String text(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 11).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
