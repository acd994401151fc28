package io.embapi.query.similar;

import io.embapi.query.QuerySideConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The HNSW indexes of {@code embedding_view}: one partial expression index per (project, dimensions) that holds at
 * least {@link SearchSettings#hnswMinRows()} rows, named {@code embedding_view_hnsw_p<project>_d<dimensions>}.
 * Smaller projects are searched exactly, which is faster for them and has recall 1.0.
 *
 * <p>{@link #reconcile()} compares the projects' sizes with the existing indexes and builds missing ones
 * ({@code CREATE INDEX CONCURRENTLY}, so reads and the projection's writes go on meanwhile), drops those of projects
 * that shrank below half the threshold or are gone, and replaces invalid ones left by an interrupted build. It runs
 * every {@link SearchSettings#indexCheckInterval()}, under a PostgreSQL advisory lock so that several query-side
 * instances never build the same index twice, and not while the embedding view is being replayed (a rebuild loads
 * the rows first and indexes them in bulk afterwards, which is several times faster than growing the graph row by
 * row). Searches never depend on an index being there: without one, the same SQL is answered by a scan.
 */
@Component
public class SearchIndexes implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexes.class);
    private static final Pattern NAME = Pattern.compile("embedding_view_hnsw_p(\\d+)_d(\\d+)");
    /** Advisory lock key of index maintenance ("embapi search indexes"). */
    private static final long LOCK = 0x656d6261_70690001L;

    /** A project's rows of one dimension. */
    public record Key(long projectId, int dimensions) {
        String indexName() {
            return "embedding_view_hnsw_p" + projectId + "_d" + dimensions;
        }
    }

    /** What one reconciliation did. */
    public record Outcome(Set<Key> built, Set<Key> dropped, boolean skipped) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SearchSettings settings;
    private final Serializer serializer;
    private volatile Set<Key> valid = Set.of();
    private ScheduledExecutorService scheduler;

    SearchIndexes(DataSource dataSource, JdbcTemplate jdbc, SearchSettings settings, Serializer serializer,
                  MeterRegistry meters) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.settings = settings;
        Gauge.builder("embapi.search.hnsw.indexes", () -> valid.size())
                .description("valid HNSW indexes of embedding_view (one per large project and dimension)")
                .register(meters);
    }

    /** Whether a valid HNSW index serves this project's rows of these dimensions (as of the last check). */
    boolean has(long projectId, int dimensions) {
        return valid.contains(new Key(projectId, dimensions));
    }

    /** The valid indexes as of the last check. */
    public Set<Key> valid() {
        return valid;
    }

    /** Builds and drops indexes until they match the projects' sizes; see the class comment. */
    public synchronized Outcome reconcile() {
        Set<Key> built = new HashSet<>();
        Set<Key> dropped = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                refresh(connection);
                return new Outcome(built, dropped, true);
            }
            try {
                if (replaying(connection)) {
                    refresh(connection);
                    return new Outcome(built, dropped, true);
                }
                Map<Key, Long> sizes = sizes(connection);
                Map<Key, Boolean> indexes = indexes(connection);
                for (Map.Entry<Key, Boolean> index : indexes.entrySet()) {
                    long rows = sizes.getOrDefault(index.getKey(), 0L);
                    if (!index.getValue() || rows < Math.max(1, settings.hnswMinRows() / 2)) {
                        execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + index.getKey().indexName());
                        dropped.add(index.getKey());
                    }
                }
                for (Map.Entry<Key, Long> size : sizes.entrySet()) {
                    Key key = size.getKey();
                    boolean present = indexes.containsKey(key) && !dropped.contains(key);
                    if (!present && size.getValue() >= settings.hnswMinRows()) {
                        build(connection, key, size.getValue());
                        built.add(key);
                    }
                }
                refresh(connection);
            } finally {
                unlock(connection);
            }
        } catch (SQLException e) {
            LOG.warn("search index maintenance failed: {}", e.getMessage());
        }
        return new Outcome(built, dropped, false);
    }

    /** Drops every HNSW index (a replay starts from an empty view and indexes in bulk afterwards). */
    public void dropAll() {
        for (String name : jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = "
                + "i.indexrelid WHERE i.indrelid = 'embedding_view'::regclass", String.class)) {
            if (NAME.matcher(name).matches()) {
                jdbc.execute("DROP INDEX IF EXISTS " + name);
            }
        }
        valid = Set.of();
    }

    private void build(Connection connection, Key key, long rows) throws SQLException {
        long started = System.nanoTime();
        execute(connection, "SET maintenance_work_mem = '" + settings.indexBuildMemory().toMegabytes() + "MB'");
        try {
            // Only numbers the service computed are spliced in: DDL takes no parameters.
            execute(connection, "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + key.indexName()
                    + " ON embedding_view USING hnsw ((vector::halfvec(" + key.dimensions() + ")) halfvec_cosine_ops)"
                    + " WITH (m = " + settings.hnswM() + ", ef_construction = " + settings.hnswEfConstruction() + ")"
                    + " WHERE project_id = " + key.projectId() + " AND vector_dim = " + key.dimensions());
        } finally {
            execute(connection, "RESET maintenance_work_mem");
        }
        LOG.info("built HNSW index {} over {} rows in {} ms", key.indexName(), rows,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void refresh(Connection connection) throws SQLException {
        Set<Key> now = new HashSet<>();
        indexes(connection).forEach((key, isValid) -> {
            if (isValid) {
                now.add(key);
            }
        });
        valid = Set.copyOf(now);
    }

    private static Map<Key, Long> sizes(Connection connection) throws SQLException {
        Map<Key, Long> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT project_id, vector_dim, count(*) FROM embedding_view GROUP BY project_id, vector_dim")) {
            while (rows.next()) {
                sizes.put(new Key(rows.getLong(1), rows.getInt(2)), rows.getLong(3));
            }
        }
        return sizes;
    }

    /** The existing HNSW indexes and whether each is valid (an interrupted concurrent build leaves an invalid one). */
    private static Map<Key, Boolean> indexes(Connection connection) throws SQLException {
        Map<Key, Boolean> indexes = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.relname, i.indisvalid AND i.indisready FROM pg_index i "
                     + "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'embedding_view'::regclass")) {
            while (rows.next()) {
                Matcher name = NAME.matcher(rows.getString(1));
                if (name.matches()) {
                    indexes.put(new Key(Long.parseLong(name.group(1)), Integer.parseInt(name.group(2))),
                            rows.getBoolean(2));
                }
            }
        }
        return indexes;
    }

    /**
     * Whether any segment of the embedding view is still short of the position it was reset at. (A processor keeps
     * its replay token after the replay until a newer event arrives, so the token's type alone does not tell.)
     */
    private boolean replaying(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT token, tokentype FROM tokenentry "
                + "WHERE processorname = ? AND tokentype LIKE '%ReplayToken'")) {
            statement.setString(1, QuerySideConfiguration.EMBEDDING_VIEW);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes(1),
                            byte[].class, new SimpleSerializedType(rows.getString(2), null)));
                    if (token instanceof ReplayToken replay && !covers(replay.getCurrentToken(),
                            replay.getTokenAtReset())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean covers(TrackingToken current, TrackingToken target) {
        return target == null || current != null && current.covers(target);
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        execute(connection, "SELECT pg_advisory_unlock(" + LOCK + ")");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    // Periodic reconciliation, started and stopped with the application context.

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "search-indexes");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.indexCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                LOG.warn("search index maintenance failed", e);
            }
        }, Math.min(interval, 1000), interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
