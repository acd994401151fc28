package io.embapi.query.similar;

import io.embapi.query.QuerySideConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * The HNSW indexes of {@code embedding_view}, as segments (ADR 0018): a project's rows of one dimension are an
 * unsealed tail, compared exactly, plus sealed {@link Segment}s, each a partial HNSW index over a range of event
 * positions ({@code embedding_view_hnsw_p<project>_d<dims>_s<from>_<to>}). A new or updated row always has a higher
 * position than every sealed range, so the projection's writes never pay HNSW maintenance; the graphs are built in
 * bulk here, in the background.
 *
 * <p>{@link #reconcile()} reads the rows' counts per segment and tail and carries out {@link SegmentPlan}: seals a
 * tail of {@link SearchSettings#hnswMinRows()} rows, merges segments so that a project keeps about log2(rows / tail)
 * of them, repairs gaps, rebuilds segments full of dead entries, drops those of projects that shrank below half the
 * threshold or are gone, and replaces invalid indexes left by an interrupted build. Every build is
 * {@code CREATE INDEX CONCURRENTLY} (reads and the projection's writes go on meanwhile); a replaced segment is
 * dropped only after its replacement is valid. It runs every {@link SearchSettings#indexCheckInterval()}, under a
 * PostgreSQL advisory lock so that several query-side instances never build the same index twice, and not while the
 * embedding view is being replayed (a rebuild loads the rows first and seals them in one bulk build afterwards).
 * Searches never depend on the catalogue being current: a row outside the segments a search knows of is compared
 * exactly, and a segment whose index is gone is scanned.
 */
@Component
public class SearchIndexes implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexes.class);
    /** Advisory lock key of index maintenance ("embapi search indexes"). */
    private static final long LOCK = 0x656d6261_70690001L;

    /** A project's rows of one dimension. */
    public record Key(long projectId, int dimensions) {
    }

    /** What one reconciliation did: the keys and the segments it built and dropped. */
    public record Outcome(Set<Key> built, Set<Key> dropped, boolean skipped, List<Segment> segmentsBuilt,
                          List<Segment> segmentsDropped) {
    }

    /** A key's segments and unsealed rows as of the last check. */
    public record KeyState(Key key, List<SegmentState> segments, long unsealedRows) {
    }

    /** A segment and its live rows as of the last check. */
    public record SegmentState(Segment segment, long rows) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SearchSettings settings;
    private final Serializer serializer;
    private final Counter sealedRows;
    private volatile Map<Key, List<Segment>> catalogue = Map.of();
    private volatile List<KeyState> states = List.of();
    private ScheduledExecutorService scheduler;

    SearchIndexes(DataSource dataSource, JdbcTemplate jdbc, SearchSettings settings, Serializer serializer,
                  MeterRegistry meters) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.settings = settings;
        Gauge.builder("embapi.search.hnsw.indexes", () -> catalogue.size())
                .description("projects (per dimension) with at least one sealed HNSW segment")
                .register(meters);
        Gauge.builder("embapi.search.hnsw.segments", () -> catalogue.values().stream().mapToInt(List::size).sum())
                .description("sealed HNSW segments of embedding_view")
                .register(meters);
        Gauge.builder("embapi.search.unsealed.rows", () -> states.stream().mapToLong(KeyState::unsealedRows).sum())
                .description("rows outside every sealed segment (searched exactly), as of the last check")
                .register(meters);
        sealedRows = Counter.builder("embapi.search.segment.rows.built")
                .description("rows put into HNSW segments by bulk builds (seals, merges, repairs)")
                .register(meters);
    }

    /** Whether a valid HNSW segment serves this project's rows of these dimensions (as of the last check). */
    boolean has(long projectId, int dimensions) {
        return catalogue.containsKey(new Key(projectId, dimensions));
    }

    /** The valid, disjoint segments of a project's rows of these dimensions, by position (as of the last check). */
    List<Segment> segments(long projectId, int dimensions) {
        return catalogue.getOrDefault(new Key(projectId, dimensions), List.of());
    }

    /** The keys with at least one valid segment, as of the last check. */
    public Set<Key> valid() {
        return catalogue.keySet();
    }

    /** Segments and unsealed rows per key, as of the last reconciliation on this node. */
    public List<KeyState> states() {
        return states;
    }

    /** Seals, merges, repairs and drops segments until they match the rows; see the class comment. */
    public synchronized Outcome reconcile() {
        List<Segment> built = new ArrayList<>();
        List<Segment> dropped = new ArrayList<>();
        boolean skipped = false;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                refresh(connection);
                skipped = true;
            } else {
                try {
                    if (replaying(connection)) {
                        refresh(connection);
                        skipped = true;
                    } else {
                        maintain(connection, built, dropped);
                        refresh(connection);
                    }
                } finally {
                    unlock(connection);
                }
            }
        } catch (SQLException e) {
            LOG.warn("search index maintenance failed: {}", e.getMessage());
        }
        Set<Key> builtKeys = new HashSet<>();
        built.forEach(segment -> builtKeys.add(segment.key()));
        Set<Key> droppedKeys = new HashSet<>();
        dropped.forEach(segment -> droppedKeys.add(segment.key()));
        return new Outcome(builtKeys, droppedKeys, skipped, built, dropped);
    }

    private void maintain(Connection connection, List<Segment> built, List<Segment> dropped) throws SQLException {
        Map<Key, List<SegmentPlan.Part>> existing = new HashMap<>();
        for (IndexRow index : indexes(connection)) {
            if (!index.valid()) {
                execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + index.segment().indexName());
                dropped.add(index.segment());
            } else {
                existing.computeIfAbsent(index.segment().key(), k -> new ArrayList<>())
                        .add(new SegmentPlan.Part(index.segment(), 0, index.entries()));
            }
        }
        Map<Key, Long> totals = totals(connection);
        List<KeyState> now = new ArrayList<>();
        Set<Key> keys = new HashSet<>(totals.keySet());
        keys.addAll(existing.keySet());
        for (Key key : keys) {
            List<SegmentPlan.Part> parts = disjoint(existing.getOrDefault(key, List.of()), dropped, connection);
            long total = totals.getOrDefault(key, 0L);
            if (parts.isEmpty() && total < settings.hnswMinRows()) {
                now.add(new KeyState(key, List.of(), total));
                continue;
            }
            SegmentPlan.Rows rows = rows(connection, key, parts);
            List<SegmentPlan.Action> actions = SegmentPlan.plan(rows, settings.hnswMinRows(),
                    settings.segmentMergeFactor());
            for (SegmentPlan.Action action : actions) {
                apply(connection, action, built, dropped);
            }
            if (!actions.isEmpty()) {
                List<SegmentPlan.Part> after = new ArrayList<>();
                for (IndexRow index : indexes(connection)) {
                    if (index.valid() && index.segment().key().equals(key)) {
                        after.add(new SegmentPlan.Part(index.segment(), 0, index.entries()));
                    }
                }
                rows = rows(connection, key, disjoint(after, dropped, connection));
            }
            now.add(new KeyState(key, rows.segments().stream()
                    .map(part -> new SegmentState(part.segment(), part.liveRows())).toList(),
                    rows.tailRows() + rows.gapRows()));
        }
        states = List.copyOf(now);
    }

    /** Of overlapping segments (a merge whose parts are not dropped yet), the widest wins; the others go. */
    private static List<SegmentPlan.Part> disjoint(List<SegmentPlan.Part> parts, List<Segment> dropped,
                                                   Connection connection) throws SQLException {
        List<SegmentPlan.Part> widest = new ArrayList<>(parts);
        widest.sort(Comparator.comparingLong((SegmentPlan.Part p) -> p.segment().to() - p.segment().from())
                .reversed());
        List<SegmentPlan.Part> kept = new ArrayList<>();
        for (SegmentPlan.Part part : widest) {
            if (kept.stream().anyMatch(k -> k.segment().overlaps(part.segment()))) {
                execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + part.segment().indexName());
                dropped.add(part.segment());
            } else {
                kept.add(part);
            }
        }
        kept.sort(Comparator.comparingLong(p -> p.segment().from()));
        return kept;
    }

    private void apply(Connection connection, SegmentPlan.Action action, List<Segment> built, List<Segment> dropped)
            throws SQLException {
        if (action instanceof SegmentPlan.Build build) {
            if (build.target().indexName().length() > Segment.MAX_NAME) {
                LOG.error("cannot seal {}: index name longer than {} characters", build.target(),
                        Segment.MAX_NAME);
                return;
            }
            build(connection, build.target(), build.rows());
            built.add(build.target());
            sealedRows.increment(build.rows());
            for (Segment replaced : build.replaces()) {
                execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + replaced.indexName());
                dropped.add(replaced);
            }
        } else if (action instanceof SegmentPlan.Drop drop) {
            execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + drop.segment().indexName());
            dropped.add(drop.segment());
        } else if (action instanceof SegmentPlan.Rebuild rebuild) {
            long started = System.nanoTime();
            execute(connection, "SET maintenance_work_mem = '" + settings.indexBuildMemory().toMegabytes()
                    + "MB'");
            try {
                execute(connection, "REINDEX INDEX CONCURRENTLY " + rebuild.segment().indexName());
            } finally {
                execute(connection, "RESET maintenance_work_mem");
            }
            LOG.info("rebuilt HNSW segment {} (dead entries) in {} ms", rebuild.segment().indexName(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Drops every HNSW index (a replay starts from an empty view and indexes in bulk afterwards). */
    public void dropAll() {
        for (String name : jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = "
                + "i.indexrelid WHERE i.indrelid = 'embedding_view'::regclass", String.class)) {
            if (Segment.parse(name).isPresent()) {
                jdbc.execute("DROP INDEX IF EXISTS " + name);
            }
        }
        catalogue = Map.of();
    }

    private void build(Connection connection, Segment segment, long rows) throws SQLException {
        long started = System.nanoTime();
        execute(connection, "SET maintenance_work_mem = '" + settings.indexBuildMemory().toMegabytes() + "MB'");
        try {
            // Only numbers the service computed are spliced in: DDL takes no parameters.
            execute(connection, "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + segment.indexName()
                    + " ON embedding_view USING hnsw ((vector::halfvec(" + segment.dimensions() + ")) "
                    + "halfvec_cosine_ops) WITH (m = " + settings.hnswM() + ", ef_construction = "
                    + settings.hnswEfConstruction() + ") WHERE project_id = " + segment.projectId()
                    + " AND vector_dim = " + segment.dimensions() + " AND position BETWEEN " + segment.from()
                    + " AND " + segment.to());
        } finally {
            execute(connection, "RESET maintenance_work_mem");
        }
        LOG.info("built HNSW segment {} over {} rows in {} ms", segment.indexName(), rows,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void refresh(Connection connection) throws SQLException {
        Map<Key, List<Segment>> now = new HashMap<>();
        Map<Key, List<SegmentPlan.Part>> byKey = new HashMap<>();
        for (IndexRow index : indexes(connection)) {
            if (index.valid()) {
                byKey.computeIfAbsent(index.segment().key(), k -> new ArrayList<>())
                        .add(new SegmentPlan.Part(index.segment(), 0, 0));
            }
        }
        byKey.forEach((key, parts) -> {
            List<SegmentPlan.Part> widest = new ArrayList<>(parts);
            widest.sort(Comparator.comparingLong((SegmentPlan.Part p) -> p.segment().to() - p.segment().from())
                    .reversed());
            List<Segment> kept = new ArrayList<>();
            for (SegmentPlan.Part part : widest) {
                if (kept.stream().noneMatch(k -> k.overlaps(part.segment()))) {
                    kept.add(part.segment());
                }
            }
            kept.sort(Comparator.comparingLong(Segment::from));
            now.put(key, List.copyOf(kept));
        });
        catalogue = Map.copyOf(now);
    }

    /** Rows per key: an index-only scan of embedding_view_position_idx. */
    private static Map<Key, Long> totals(Connection connection) throws SQLException {
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

    /** A key's live rows per segment, in its tail and in gaps between segments: one statement. */
    private static SegmentPlan.Rows rows(Connection connection, Key key, List<SegmentPlan.Part> parts)
            throws SQLException {
        StringBuilder part = new StringBuilder("CASE");
        long end = -1;
        for (int i = 0; i < parts.size(); i++) {
            Segment segment = parts.get(i).segment();
            part.append(" WHEN position BETWEEN ").append(segment.from()).append(" AND ").append(segment.to())
                    .append(" THEN ").append(i);
            end = Math.max(end, segment.to());
        }
        part.append(" WHEN position > ").append(end).append(" THEN -1 ELSE -2 END");
        long[] live = new long[parts.size()];
        long[] tail = {0, -1};
        long[] gap = {0, Long.MAX_VALUE, -1};
        try (var statement = connection.prepareStatement("SELECT " + part + " AS part, count(*), min(position), "
                + "max(position) FROM embedding_view WHERE project_id = ? AND vector_dim = ? GROUP BY 1")) {
            statement.setLong(1, key.projectId());
            statement.setInt(2, key.dimensions());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int index = rows.getInt(1);
                    if (index >= 0) {
                        live[index] = rows.getLong(2);
                    } else if (index == -1) {
                        tail[0] = rows.getLong(2);
                        tail[1] = rows.getLong(4);
                    } else {
                        gap[0] = rows.getLong(2);
                        gap[1] = rows.getLong(3);
                        gap[2] = rows.getLong(4);
                    }
                }
            }
        }
        List<SegmentPlan.Part> counted = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            counted.add(new SegmentPlan.Part(parts.get(i).segment(), live[i], parts.get(i).indexedRows()));
        }
        return new SegmentPlan.Rows(key.projectId(), key.dimensions(), counted, tail[0], tail[1], gap[0],
                gap[0] == 0 ? 0 : gap[1], gap[2]);
    }

    /** One of our HNSW indexes, whether it is valid, and how many entries it holds (reltuples; -1 unknown). */
    private record IndexRow(Segment segment, boolean valid, long entries) {
    }

    /** The existing HNSW indexes (an interrupted concurrent build leaves an invalid one). */
    private static List<IndexRow> indexes(Connection connection) throws SQLException {
        List<IndexRow> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.relname, i.indisvalid AND i.indisready, "
                     + "c.reltuples FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                     + "WHERE i.indrelid = 'embedding_view'::regclass")) {
            while (rows.next()) {
                boolean valid = rows.getBoolean(2);
                long entries = (long) rows.getFloat(3);
                Segment.parse(rows.getString(1)).ifPresent(segment -> indexes.add(new IndexRow(segment, valid,
                        entries)));
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
