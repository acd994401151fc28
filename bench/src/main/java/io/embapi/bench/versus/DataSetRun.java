package io.embapi.bench.versus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One data set, start to end, on a database of its own: starts the service on it, then (1) ingestion, raw INSERT vs
 * the API; (2) rebuild, raw COPY + CREATE INDEX vs the service's embedding-view replay; (3) search, the API vs the
 * same SQL over JDBC on the bulk-built raw table, both graded against brute force; (4) the service's VmHWM after
 * every phase. The rebuild comes before the searches so both sides search a bulk-built graph.
 */
final class DataSetRun {

    private static final String USER = "bench";
    private static final String PROJECT = "vectors";
    private static final String RAW_INSERT = "raw_insert_emb";
    private static final String RAW_COPY = "raw_copy_emb";

    private final VersusBench options;
    private final Progress progress;
    private final int dimensions;
    private final int rows;

    DataSetRun(VersusBench options, Progress progress, int dimensions, int rows) {
        this.options = options;
        this.progress = progress;
        this.dimensions = dimensions;
        this.rows = rows;
    }

    Results.DataSet run(JdbcTarget server) throws Exception {
        String name = "embapi_bench_" + dimensions + "_" + rows;
        progress.phase(label("start service"), Estimates.serviceStart());
        try (Connection admin = server.connect()) {
            RawPgvector.execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            RawPgvector.execute(admin, "CREATE DATABASE " + name);
        }
        JdbcTarget target = server.withDatabase(name);
        try (Connection db = target.connect()) {
            RawPgvector.execute(db, "CREATE EXTENSION IF NOT EXISTS vector");
        }
        Dataset data = Dataset.generate(dimensions, rows, options.queries, options.seed);
        Results.MemoryLog memory = new Results.MemoryLog();
        Path log = options.logDirectory().resolve("service-" + dimensions + "-" + rows + ".log");
        Results.DataSet result;
        try (ServiceProcess service = ServiceProcess.start(options.jar, options.jvmOptionsFile(), target,
                options.serviceEnv, log, Duration.ofSeconds(options.startTimeout));
             Connection db = target.connect()) {
            progress.note("service pid " + service.pid() + " on " + service.url() + " (log " + log + ")");
            memory.record("started", service.peakRssBytes());
            ApiClient api = new ApiClient(service.url());
            String key = api.createProject(service.adminKey(), USER, PROJECT, dimensions);
            long projectId = projectId(db);

            Results.Ingestion ingestion = ingest(db, data, api, service, key, projectId);
            memory.record("ingestion", service.peakRssBytes());
            Results.Rebuild rebuild = rebuild(db, data, api, service, projectId);
            memory.record("rebuild", service.peakRssBytes());
            List<Results.SearchCell> search = search(target, db, data, api, service, key);
            memory.record("search", service.peakRssBytes());
            result = new Results.DataSet(dimensions, rows, ingestion, rebuild, search, memory.memory());
        }
        if (!options.keepDatabases) {
            try (Connection admin = server.connect()) {
                RawPgvector.execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        return result;
    }

    // ---- 1. ingestion ------------------------------------------------------------------------------------------

    private Results.Ingestion ingest(Connection db, Dataset data, ApiClient api, ServiceProcess service, String key,
                                     long projectId) throws Exception {
        RawPgvector raw = new RawPgvector(dimensions);
        raw.createTable(db, RAW_INSERT, true);
        RawPgvector.execute(db, "CHECKPOINT");
        progress.phase(label("raw INSERT"), Estimates.rawInsert(dimensions, rows));
        long started = System.nanoTime();
        raw.insert(db, RAW_INSERT, data, options.batch, done -> progress.update(done, rows));
        double rawSeconds = seconds(started);
        RawPgvector.execute(db, "DROP TABLE " + RAW_INSERT);

        RawPgvector.execute(db, "CHECKPOINT");
        progress.phase(label("API upload"), Estimates.apiUpload(dimensions, rows));
        int batches = (rows + options.batch - 1) / options.batch;
        int every = Math.max(1, batches / Math.max(1, options.rywSamples));
        Random pick = new Random(options.seed);
        int samples = 0;
        int failures = 0;
        int pending = 0;
        int pendingMisses = 0;
        long checking = 0;
        started = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int from = b * options.batch;
            int to = Math.min(rows, from + options.batch);
            boolean lagging = api.upload(key, USER, PROJECT, data, from, to);
            pending += lagging ? 1 : 0;
            if (b % every == every - 1 || b == batches - 1) {
                long check = System.nanoTime();
                int row = from + pick.nextInt(to - from);
                samples++;
                if (!readYourWrite(api, key, data, row)) {
                    if (lagging) {
                        pendingMisses++;
                    } else {
                        failures++;
                        progress.note("read-your-writes FAILED for " + Dataset.textId(row) + " right after its 201");
                    }
                }
                checking += System.nanoTime() - check;
            }
            progress.update(to, rows);
        }
        // A 201 marked pending is not yet readable: "to searchable" ends when the view holds every row.
        while (Long.parseLong(RawPgvector.scalar(db, "SELECT count(*) FROM embedding_view WHERE project_id = "
                + projectId)) < rows) {
            Thread.sleep(50); // polling the projection
        }
        double searchable = (System.nanoTime() - started - checking) / 1e9;

        progress.phase(label("API until indexed"), Estimates.indexBuild(dimensions, rows));
        awaitIndex(db, api, service, projectId);
        double indexed = (System.nanoTime() - started - checking) / 1e9;
        return new Results.Ingestion(rows, options.batch, rawSeconds, searchable, indexed, samples, failures, batches,
                pending, pendingMisses);
    }

    /** The row's embedding is readable, and a search by its own vector returns it, right after the 201. */
    private boolean readYourWrite(ApiClient api, String key, Dataset data, int row) throws Exception {
        String id = Dataset.textId(row);
        return api.exists(key, USER, PROJECT, id)
                && api.search(key, USER, PROJECT, data.vectors()[row], null).contains(id);
    }

    /**
     * Waits until the service lists an HNSW index for the project: first a reconcile (the service builds at most
     * every {@code index-check-interval}; asking now measures the build, not the timer), then polling the list.
     */
    private void awaitIndex(Connection db, ApiClient api, ServiceProcess service, long projectId) throws Exception {
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        boolean reconciled = false;
        while (!indexed(api, service, projectId) || !builtInDatabase(db, projectId)) {
            if (!reconciled) {
                api.call("POST", "/v1/admin/search-indexes/reconcile", service.adminKey(), null, 200);
                reconciled = true;
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service built no HNSW index for project " + projectId);
            }
            Thread.sleep(100); // polling the service's state
        }
        progress.update(1, 1);
    }

    /**
     * The database's own view, because the service's admin list can be a moment behind (after a rebuild's reset it
     * still showed the dropped segment): at least one of the project's segment indexes exists, every one is valid
     * and ready, and no CREATE INDEX is running in this database.
     */
    private static boolean builtInDatabase(Connection db, long projectId) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FILTER (WHERE i.indisvalid AND "
                + "i.indisready), count(*) FILTER (WHERE NOT (i.indisvalid AND i.indisready)), (SELECT count(*) FROM "
                + "pg_stat_progress_create_index WHERE datname = current_database()) FROM pg_index i JOIN pg_class c "
                + "ON c.oid = i.indexrelid WHERE c.relname LIKE ?")) {
            statement.setString(1, "embedding\\_view\\_hnsw\\_p" + projectId + "\\_%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0 && rows.getLong(2) == 0 && rows.getLong(3) == 0;
            }
        }
    }

    private static boolean indexed(ApiClient api, ServiceProcess service, long projectId) throws Exception {
        // Indexed = sealed: the project has HNSW segments and its unindexed tail is below the size the sealer leaves
        // to exact search (hnsw_min_rows, ADR 0018); the tail is searched exactly by design.
        JsonNode list = api.call("GET", "/v1/admin/search-indexes", service.adminKey(), null, 200);
        long tailLimit = list.get("hnsw_min_rows").asLong();
        for (JsonNode project : list.get("projects")) {
            if (project.get("project_id").asLong() == projectId) {
                return project.get("segments").asInt() > 0 && project.get("unsealed_rows").asLong() < tailLimit;
            }
        }
        return false;
    }

    // ---- 2. rebuild --------------------------------------------------------------------------------------------

    private Results.Rebuild rebuild(Connection db, Dataset data, ApiClient api, ServiceProcess service,
                                    long projectId) throws Exception {
        RawPgvector raw = new RawPgvector(dimensions);
        raw.createTable(db, RAW_COPY, false);
        RawPgvector.execute(db, "CHECKPOINT");
        progress.phase(label("raw COPY + CREATE INDEX"), Estimates.copyAndIndex(dimensions, rows));
        long started = System.nanoTime();
        raw.copy(db, RAW_COPY, data);
        double copy = seconds(started);
        progress.update(1, 10);
        started = System.nanoTime();
        raw.createIndex(db, RAW_COPY);
        double index = seconds(started);

        RawPgvector.execute(db, "CHECKPOINT");
        progress.phase(label("service rebuild"), Estimates.replay(dimensions, rows) + Estimates.indexBuild(dimensions,
                rows));
        String processor = "/v1/admin/processors/embedding-view";
        started = System.nanoTime();
        api.call("POST", processor + "/rebuild", service.adminKey(), null, 202);
        while (true) {
            JsonNode state = api.call("GET", processor, service.adminKey(), null, 200);
            boolean replaying = state.path("replaying").asBoolean(true);
            long lag = state.path("lag").asLong(1);
            double percent = state.path("progress_percent").isNumber() ? state.get("progress_percent").asDouble() : 0;
            progress.update(Math.round(percent * 0.7), 100);
            if (!replaying && lag == 0) {
                break;
            }
            Thread.sleep(100); // polling the service's state
        }
        double caughtUp = seconds(started);
        awaitIndex(db, api, service, projectId);
        double indexed = seconds(started);
        long after = Long.parseLong(RawPgvector.scalar(db, "SELECT count(*) FROM embedding_view WHERE project_id = "
                + projectId));
        RawPgvector.execute(db, "VACUUM ANALYZE embedding_view");
        RawPgvector.execute(db, "VACUUM ANALYZE " + RAW_COPY);
        return new Results.Rebuild(rows, copy, index, caughtUp, indexed, after);
    }

    // ---- 3. search ---------------------------------------------------------------------------------------------

    private List<Results.SearchCell> search(JdbcTarget target, Connection db, Dataset data, ApiClient api,
                                            ServiceProcess service, String key) throws Exception {
        progress.phase(label("exact top-10 in Java"), Estimates.groundTruth(dimensions, rows, options.recallQueries));
        GroundTruth truth = GroundTruth.compute(data, options.recallQueries);
        int efSearch = api.call("GET", "/v1/admin/search-indexes", service.adminKey(), null, 200)
                .get("ef_search").asInt();
        RawPgvector raw = new RawPgvector(dimensions);

        progress.phase(label("service warm-up"), Estimates.warmUp(options.serviceWarmUp));
        for (int q = 0; q < options.serviceWarmUp; q++) {
            Selectivity selectivity = Selectivity.values()[q % Selectivity.values().length];
            api.search(key, USER, PROJECT, data.queries()[data.queries().length - 1 - q % data.queries().length],
                    selectivity.apiFilter());
            progress.update(q + 1, options.serviceWarmUp);
        }

        List<List<Results.SearchCell>> repeats = new ArrayList<>();
        int cells = Selectivity.values().length * options.clients.size() * 2;
        progress.phase(label("search"), Estimates.search(options.repeats, options.queries, options.clients));
        int done = 0;
        for (int repeat = 0; repeat < options.repeats; repeat++) {
            List<Results.SearchCell> measured = new ArrayList<>();
            for (Selectivity selectivity : Selectivity.values()) {
                for (int clients : options.clients) {
                    // alternate which path goes first, so drift on a shared machine spreads over both
                    List<String> paths = (repeat + selectivity.ordinal()) % 2 == 0 ? List.of("API", "JDBC")
                            : List.of("JDBC", "API");
                    for (String path : paths) {
                        measured.add(cell(target, api, key, raw, efSearch, data, truth, selectivity, clients, path));
                        progress.update(++done, (long) cells * options.repeats);
                    }
                }
            }
            repeats.add(measured);
        }
        return medians(repeats);
    }

    private Results.SearchCell cell(JdbcTarget target, ApiClient api, String key, RawPgvector raw, int efSearch,
                                    Dataset data, GroundTruth truth, Selectivity selectivity, int clients,
                                    String path) throws Exception {
        int n = options.queries;
        double[] latencies = new double[n];
        double[] recalls = new double[n];
        int[] found = new int[n];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long[] startedAt = new long[1];
            CyclicBarrier go = new CyclicBarrier(clients,
                    () -> startedAt[0] = System.nanoTime());
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Connection session = path.equals("JDBC") ? raw.searchSession(target, efSearch) : null;
                    PreparedStatement statement = session == null ? null
                            : session.prepareStatement(raw.searchSql(RAW_COPY, selectivity));
                    try {
                        for (int w = 0; w < options.warmUp; w++) {
                            float[] vector = data.queries()[data.queries().length - 1 - (w * clients + client)
                                    % data.queries().length];
                            query(api, key, raw, statement, selectivity, path, vector);
                        }
                        go.await(10, TimeUnit.MINUTES);
                        for (int q = client; q < n; q += clients) {
                            long t = System.nanoTime();
                            List<String> ids = query(api, key, raw, statement, selectivity, path, data.queries()[q]);
                            latencies[q] = (System.nanoTime() - t) / 1e6;
                            found[q] = ids.size();
                            recalls[q] = truth.recall(selectivity, q, ids);
                        }
                    } finally {
                        if (session != null) {
                            session.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = seconds(startedAt[0]);
            double[] sorted = latencies.clone();
            Arrays.sort(sorted);
            double recall = Arrays.stream(recalls).filter(r -> r >= 0).average().orElse(-1);
            return new Results.SearchCell(selectivity, clients, path, n / seconds, percentile(sorted, 50),
                    percentile(sorted, 95), percentile(sorted, 99), recall,
                    Arrays.stream(found).average().orElse(0));
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> query(ApiClient api, String key, RawPgvector raw, PreparedStatement statement,
                               Selectivity selectivity, String path, float[] vector) throws Exception {
        return path.equals("API") ? api.search(key, USER, PROJECT, vector, selectivity.apiFilter())
                : raw.search(statement, selectivity, vector);
    }

    private static List<Results.SearchCell> medians(List<List<Results.SearchCell>> repeats) {
        List<Results.SearchCell> result = new ArrayList<>();
        for (int i = 0; i < repeats.get(0).size(); i++) {
            int cell = i;
            List<Results.SearchCell> all = repeats.stream().map(r -> r.get(cell)).toList();
            Results.SearchCell first = all.get(0);
            result.add(new Results.SearchCell(first.selectivity(), first.clients(), first.path(),
                    median(all.stream().mapToDouble(Results.SearchCell::qps).toArray()),
                    median(all.stream().mapToDouble(Results.SearchCell::p50).toArray()),
                    median(all.stream().mapToDouble(Results.SearchCell::p95).toArray()),
                    median(all.stream().mapToDouble(Results.SearchCell::p99).toArray()),
                    median(all.stream().mapToDouble(Results.SearchCell::recall).toArray()),
                    median(all.stream().mapToDouble(Results.SearchCell::rowsPerQuery).toArray())));
        }
        return result;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private long projectId(Connection db) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT project_id FROM project_view WHERE owner = ? AND project_handle = ?")) {
            statement.setString(1, USER);
            statement.setString(2, PROJECT);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("project " + USER + "/" + PROJECT + " not in project_view");
                }
                return result.getLong(1);
            }
        }
    }

    private String label(String phase) {
        return dimensions + "-d " + (rows >= 1000 ? rows / 1000 + "k" : String.valueOf(rows)) + " " + phase;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
