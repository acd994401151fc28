package io.embapi.bench.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Similarity search through the REST API of a running embapi, side by side with the same SQL issued directly over
 * JDBC on the same database, in one run: latency percentiles, QPS, recall@10 against an exact scan, unfiltered and
 * with metadata filters of 50 %, 5 % and 1 % selectivity. Also reports the API's ingestion rate for the load and the
 * time the service takes to build the project's HNSW index. Run by {@code ops/bench-search}.
 */
@Command(name = "search-bench", mixinStandardHelpOptions = true,
        description = "Similarity search: REST API vs the same SQL over JDBC (issue 6)")
public final class SearchBench implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", required = true, description = "the service, e.g. http://127.0.0.1:8880")
    String url;
    @Option(names = "--admin-key", required = true)
    String adminKey;
    @Option(names = "--jdbc-url", required = true)
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;
    @Option(names = "--jdbc-password", defaultValue = "")
    String jdbcPassword;
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000")
    List<Integer> sizes;
    @Option(names = "--dimensions", defaultValue = "384")
    int dimensions;
    @Option(names = "--queries", defaultValue = "1000", description = "timed queries per cell")
    int queries;
    @Option(names = "--recall-queries", defaultValue = "100", description = "queries with exact ground truth")
    int recallQueries;
    @Option(names = "--warm-up", defaultValue = "200", description = "untimed queries before each cell")
    int warmUp;
    @Option(names = "--threads", split = ",", defaultValue = "1,4")
    List<Integer> threads;
    @Option(names = "--ef-search", defaultValue = "200", description = "the service's embapi.search.ef-search")
    int efSearch;
    @Option(names = "--exact-max-rows", defaultValue = "2000", description = "the service's exact-max-rows")
    int exactMaxRows;
    @Option(names = "--modes", split = ",", defaultValue = "unfiltered,50,5,1",
            description = "which cells: unfiltered and/or filter percentages 50, 5, 1")
    List<String> modes;
    @Option(names = "--out", description = "write the Markdown report here")
    Path out;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder report = new StringBuilder();
    /** Filters that matched more than exact-max-rows: the service remembers them and goes to the index directly. */
    private final Set<String> broad = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Filters that matched at most exact-max-rows: scanned exactly without counting again, as the service does. */
    private final Set<String> narrow = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchBench()).execute(args));
    }

    /** A query mode: the filter sent to the API (null: none) and the SQL condition it means. */
    private record Mode(String name, String filter, String category) {
    }

    private static final List<Mode> MODES = List.of(
            new Mode("unfiltered", null, null),
            new Mode("filter 50 %", "{\"must\":[{\"key\":\"cat\",\"equals\":\"p50\"}]}", "p50"),
            new Mode("filter 5 %", "{\"must\":[{\"key\":\"cat\",\"equals\":\"p5\"}]}", "p5"),
            new Mode("filter 1 %", "{\"must\":[{\"key\":\"cat\",\"equals\":\"p1\"}]}", "p1"));

    @Override
    public Integer call() throws Exception {
        line("# Similarity search: REST API vs the same SQL over JDBC");
        line("");
        line("Measured " + LocalDate.now() + " by `ops/bench-search` (`bench/…/search/SearchBench`). " + machine());
        try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
            line("PostgreSQL: " + scalar(db, "SELECT version()") + "; pgvector "
                    + scalar(db, "SELECT extversion FROM pg_extension WHERE extname = 'vector'") + ".");
            line("Service settings: ef_search " + efSearch + ", exact-max-rows " + exactMaxRows
                    + ", iterative scan relaxed_order; data: clustered unit vectors (100 centroids, σ = 0.5/√d, seed 42), "
                    + "metadata `{\"cat\": p1|p5|p50|rest, \"seq\": i}` with 1 %, 5 %, 50 %, 44 % of the rows.");
            line("");
            for (int size : sizes) {
                run(db, size);
            }
        }
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println("report written to " + out);
        }
        return 0;
    }

    private void run(Connection db, int size) throws Exception {
        line("## " + String.format(Locale.ROOT, "%,d", size) + " × " + dimensions + "-d");
        line("");
        String user = "bench" + Integer.toString(size, 36) + Long.toString(System.nanoTime() % 46656, 36);
        String key = api("PUT", "/v1/users/" + user, adminKey, "{\"user_handle\":\"" + user + "\",\"name\":\"Bench\","
                + "\"email\":\"" + user + "@bench.invalid\"}", 201).get("embapi_key").stringValue();
        api("PUT", "/v1/llm-instances/" + user + "/bench", key, "{\"instance_handle\":\"bench\",\"api_standard\":"
                + "\"openai\",\"dimensions\":" + dimensions + "}", 201);
        api("PUT", "/v1/projects/" + user + "/search", key, "{\"project_handle\":\"search\",\"instance_handle\":"
                + "\"bench\"}", 201);
        long projectId = ((Number) scalarObject(db, "SELECT project_id FROM project_view WHERE owner = '" + user
                + "' AND project_handle = 'search'")).longValue();

        Random random = new Random(42L * 1_000_003 + dimensions);
        float[][] centroids = new float[100][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = gaussian(random, 1.0);
            normalise(centroids[c]);
        }
        long started = System.nanoTime();
        int batch = 1000;
        for (int from = 0; from < size; from += batch) {
            StringBuilder body = new StringBuilder(batch * dimensions * 12).append("{\"embeddings\":[");
            for (int i = from; i < Math.min(size, from + batch); i++) {
                String category = i % 100 == 0 ? "p1" : i % 100 < 6 ? "p5" : i % 2 == 0 ? "p50" : "rest";
                body.append(i == from ? "" : ",").append("{\"text_id\":\"t").append(i)
                        .append("\",\"instance_handle\":\"bench\",\"vector_dim\":").append(dimensions)
                        .append(",\"metadata\":{\"cat\":\"").append(category).append("\",\"seq\":").append(i)
                        .append("},\"vector\":").append(vectorText(point(random, centroids))).append('}');
            }
            api("POST", "/v1/embeddings/" + user + "/search", key, body.append("]}").toString(), 201);
            progress("load", Math.min(size, from + batch), size, started);
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        long indexStarted = System.nanoTime();
        JsonNode reconciled = api("POST", "/v1/admin/search-indexes/reconcile", adminKey, null, 200);
        double indexSeconds = (System.nanoTime() - indexStarted) / 1e9;
        line(String.format(Locale.ROOT, "Load through the API (batches of %d, each answered once readable): %.1f s, "
                + "%.0f embeddings/s. HNSW index build (m 16, ef_construction 64) on request: %.1f s (%s).", batch,
                loadSeconds, size / loadSeconds, indexSeconds, reconciled.get("built").size() == 1 ? "built"
                        : "not built: " + reconciled));
        line("");
        execute(db, "VACUUM ANALYZE embedding_view");

        Random queryRandom = new Random(42L * 1_000_003 + dimensions + 1);
        List<float[]> vectors = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            vectors.add(point(queryRandom, centroids));
        }
        line("| mode | path | clients | QPS | p50 ms | p95 ms | p99 ms | recall@10 | rows/query |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (Mode mode : MODES) {
            if (!modes.contains(mode.category() == null ? "unfiltered" : mode.category().substring(1))) {
                continue;
            }
            Map<String, List<String>> truth = new LinkedHashMap<>();
            for (int q = 0; q < Math.min(recallQueries, queries); q++) {
                truth.put(String.valueOf(q), exact(db, projectId, vectors.get(q), mode));
            }
            for (int clients : threads) {
                for (String path : List.of("API", "JDBC")) {
                    Cell cell = measure(path, clients, mode, key, user, projectId, vectors, truth);
                    line(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %s | %.2f |",
                            mode.name(), path, clients, cell.qps(), cell.p50(), cell.p95(), cell.p99(),
                            clients == 1 ? String.format(Locale.ROOT, "%.4f", cell.recall()) : "–", cell.rows()));
                }
            }
        }
        line("");
        line("JDBC = the SQL the service issues for the plan it picks (exact-filtered when the filter matches at most "
                + exactMaxRows + " rows, otherwise the HNSW index with relaxed iterative scan; a filter found broader than "
                + "that goes to the index directly afterwards and a narrower one is scanned without counting again, as "
                + "the service remembers both), one connection per client "
                + "with the session settings of the service's search pool, autocommit. API = `POST /v1/similars/{u}/{p}?threshold=0` with "
                + "the filter in the body, one HTTP/1.1 connection per client; latency is client side, including JSON.");
        line("");
        rawIterative(db, projectId, vectors, centroids);
    }

    /** The raw pgvector reference for 1 %: HNSW with iterative scan only, as in the baseline. */
    private void rawIterative(Connection db, long projectId, List<float[]> vectors, float[][] centroids)
            throws SQLException {
        Mode mode = MODES.get(3);
        double recall = 0;
        List<Double> latencies = new ArrayList<>();
        int n = Math.min(recallQueries, vectors.size());
        Connection raw = searchSession();
        execute(raw, "SET hnsw.ef_search = 40");
        for (int q = 0; q < n; q++) {
            List<String> truth = exact(db, projectId, vectors.get(q), mode);
            long t = System.nanoTime();
            List<String> found = hnsw(raw, projectId, vectors.get(q), mode);
            latencies.add((System.nanoTime() - t) / 1e6);
            recall += recall(found, truth);
        }
        raw.close();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        line(String.format(Locale.ROOT, "Raw pgvector, filter 1 %%, HNSW only (ef_search 40, relaxed iterative scan, "
                + "%d queries): p50 %.2f ms, recall@10 %.4f — what the exact-filtered plan replaces.", n,
                percentile(sorted, 50), recall / n));
        line("");
    }

    private record Cell(double qps, double p50, double p95, double p99, double recall, double rows) {
    }

    private Cell measure(String path, int clients, Mode mode, String key, String user, long projectId,
                         List<float[]> vectors, Map<String, List<String>> truth) throws Exception {
        try (Connection warm = path.equals("JDBC") ? searchSession() : null) {
            for (int q = 0; q < Math.min(warmUp, vectors.size()); q++) {
                query(path, warm, mode, key, user, projectId, vectors.get(vectors.size() - 1 - q));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double[] latencies = new double[vectors.size()];
        double[] recalls = new double[vectors.size()];
        int[] rows = new int[vectors.size()];
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                try (Connection db = path.equals("JDBC") ? searchSession() : null) {
                    for (int q = client; q < vectors.size(); q += clients) {
                        long t = System.nanoTime();
                        List<String> found = query(path, db, mode, key, user, projectId, vectors.get(q));
                        latencies[q] = (System.nanoTime() - t) / 1e6;
                        rows[q] = found.size();
                        List<String> expected = truth.get(String.valueOf(q));
                        recalls[q] = expected == null ? -1 : recall(found, expected);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double recall = Arrays.stream(recalls).filter(r -> r >= 0).average().orElse(Double.NaN);
        return new Cell(vectors.size() / seconds, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), recall, Arrays.stream(rows).average().orElse(0));
    }

    private List<String> query(String path, Connection db, Mode mode, String key, String user, long projectId,
                               float[] vector) throws Exception {
        if (path.equals("API")) {
            String body = "{\"vector\":" + vectorText(vector) + (mode.filter() == null ? "" : ",\"filter\":"
                    + mode.filter()) + "}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/similars/" + user
                            + "/search?threshold=0")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return List.of();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode result : JSON.readTree(response.body()).get("results")) {
                ids.add(result.get("id").stringValue());
            }
            return ids;
        }
        String filterKey = projectId + "/" + mode.category();
        if (mode.category() != null && narrow.contains(filterKey)) {
            return exactFiltered(db, projectId, vector, mode);
        }
        if (mode.category() != null && !broad.contains(filterKey)) {
            List<String> few = exactIfFew(db, projectId, vector, mode);
            if (few != null) {
                narrow.add(filterKey);
                return few;
            }
            broad.add(filterKey);
        }
        return hnsw(db, projectId, vector, mode);
    }

    private List<String> exactFiltered(Connection db, long projectId, float[] vector, Mode mode) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT text_id, vector <=> ?::halfvec AS distance "
                + "FROM embedding_view WHERE project_id = ? AND vector_dim = " + dimensions + " AND (metadata @> "
                + "?::jsonb) ORDER BY distance, text_id LIMIT 10")) {
            statement.setString(1, vectorText(vector));
            statement.setLong(2, projectId);
            statement.setString(3, "{\"cat\":\"" + mode.category() + "\"}");
            return nonNegative(statement);
        }
    }

    private List<String> exactIfFew(Connection db, long projectId, float[] vector, Mode mode) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT text_id, distance, matching FROM (SELECT "
                + "text_id, vector <=> ?::halfvec AS distance, count(*) OVER () AS matching FROM (SELECT text_id, vector "
                + "FROM embedding_view WHERE project_id = ? AND vector_dim = " + dimensions + " AND (metadata @> "
                + "?::jsonb) LIMIT ?) candidates) ranked ORDER BY distance, text_id LIMIT 10")) {
            statement.setString(1, vectorText(vector));
            statement.setLong(2, projectId);
            statement.setString(3, "{\"cat\":\"" + mode.category() + "\"}");
            statement.setInt(4, exactMaxRows + 1);
            List<String> ids = new ArrayList<>();
            long matching = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (1 - rows.getDouble(2) >= 0) {
                        ids.add(rows.getString(1));
                    }
                    matching = rows.getLong(3);
                }
            }
            return matching > exactMaxRows ? null : ids;
        }
    }

    /** A session with the settings the service's search pool gives its connections. */
    private Connection searchSession() throws SQLException {
        Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
        execute(db, "SET jit = off; SET plan_cache_mode = force_custom_plan; SET enable_sort = off; "
                + "SET hnsw.ef_search = " + efSearch + "; SET hnsw.iterative_scan = relaxed_order; "
                + "SET hnsw.max_scan_tuples = 20000");
        return db;
    }

    private List<String> hnsw(Connection db, long projectId, float[] vector, Mode mode) throws SQLException {
        String type = "halfvec(" + dimensions + ")";
        try (PreparedStatement statement = db.prepareStatement("WITH nearest AS MATERIALIZED (SELECT text_id, "
                + "vector::" + type + " <=> ?::" + type + " AS distance FROM embedding_view WHERE project_id = ? "
                + "AND vector_dim = " + dimensions + (mode.category() == null ? "" : " AND (metadata @> ?::jsonb)")
                + " ORDER BY distance LIMIT 10) SELECT text_id, distance FROM nearest")) {
            statement.setString(1, vectorText(vector));
            statement.setLong(2, projectId);
            if (mode.category() != null) {
                statement.setString(3, "{\"cat\":\"" + mode.category() + "\"}");
            }
            return nonNegative(statement);
        }
    }

    /** The exact top-10 (a full scan of the candidates, no index). */
    private List<String> exact(Connection db, long projectId, float[] vector, Mode mode) throws SQLException {
        db.setAutoCommit(false);
        try (Statement settings = db.createStatement()) {
            settings.execute("SET LOCAL enable_indexscan = off; SET LOCAL jit = off");
            try (PreparedStatement statement = db.prepareStatement("SELECT text_id, vector <=> ?::halfvec AS d "
                    + "FROM embedding_view WHERE "
                    + "project_id = ? AND vector_dim = " + dimensions + (mode.category() == null ? ""
                    : " AND metadata ->> 'cat' = ?") + " ORDER BY d, text_id LIMIT 10")) {
                statement.setString(1, vectorText(vector));
                statement.setLong(2, projectId);
                if (mode.category() != null) {
                    statement.setString(3, mode.category());
                }
                return nonNegative(statement);
            }
        } finally {
            db.commit();
            db.setAutoCommit(true);
        }
    }

    /** The text ids of (text_id, distance) rows whose similarity is at least 0, as the API's threshold=0. */
    private static List<String> nonNegative(PreparedStatement statement) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (1 - rows.getDouble(2) >= 0) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static double recall(List<String> found, List<String> expected) {
        if (expected.isEmpty()) {
            return 1;
        }
        Set<String> common = new HashSet<>(found);
        common.retainAll(expected);
        return (double) common.size() / expected.size();
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private float[] point(Random random, float[][] centroids) {
        float[] centroid = centroids[random.nextInt(centroids.length)];
        float[] noise = gaussian(random, 0.5 / Math.sqrt(dimensions));
        for (int i = 0; i < dimensions; i++) {
            noise[i] += centroid[i];
        }
        normalise(noise);
        return noise;
    }

    private float[] gaussian(Random random, double sigma) {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextGaussian() * sigma);
        }
        return vector;
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }

    private static String vectorText(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    private JsonNode api(String method, String path, String key, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static Object scalarObject(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private static String scalar(Connection db, String sql) throws SQLException {
        return String.valueOf(scalarObject(db, sql));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String machine() {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + "; client and server share the cores.";
    }

    private static void progress(String what, long done, long total, long startedNanos) {
        double fraction = (double) done / total;
        double elapsed = (System.nanoTime() - startedNanos) / 1e9;
        double eta = fraction > 0 ? elapsed / fraction - elapsed : 0;
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        System.out.printf(Locale.ROOT, "\r%-5s [%s%s] %5.1f %%  %,d/%,d  ETA %.0f s   ", what, "#".repeat(filled),
                " ".repeat(width - filled), fraction * 100, done, total, eta);
        System.out.flush();
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
