package io.embapi.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the event history straight from the event store ({@code domainevententry}, the source of truth) for the
 * audit API, in position order. Filters use indexes only: the resource through {@code audit_resource}
 * (resource, position), the actor and type through the expression indexes of migration V17, the time range
 * through the {@code timestamp} index (Axon writes it as fixed-width ISO-8601 UTC text, so text order is time
 * order), turned into position bounds ({@link #INSERT_DELAY}). Measured on 100k events in ADR 0010.
 *
 * <p>No gaps for a cursor: positions are taken when a transaction inserts its events, so a later position can
 * become visible before an earlier one commits. Pages therefore end below the first gap in the recent tail whose
 * following event is younger than {@value #SETTLE_SECONDS} s (an open transaction may still fill it); older gaps
 * are positions of rolled-back transactions and never fill. A client that continues from the last position it
 * received thus never skips an event.
 */
@Component
class AuditLog {

    static final int SETTLE_SECONDS = 10;
    /**
     * How long after its timestamp an event is inserted at most (command duration plus clock skew between nodes).
     * Every event stamped at or after {@code from} was inserted after every event stamped before
     * {@code from - INSERT_DELAY}, so the position of the latest of those is a safe lower bound for the range (and
     * symmetrically for {@code to}): a time range costs two index probes, not a walk from position 0.
     */
    static final Duration INSERT_DELAY = Duration.ofMinutes(10);
    private static final int TAIL = 1_000;
    private static final int EXPORT_FETCH_SIZE = 200;
    private static final DateTimeFormatter AXON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    AuditLog(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(EXPORT_FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** One stored event, as read (payload and metadata are the serializer's JSON). */
    record StoredEvent(long position, String timestamp, String payloadType, String revision, String stream,
                       long sequence, byte[] metadata, byte[] payload) {
    }

    /** Up to {@code filter.limit()} events after the cursor, oldest first. */
    List<StoredEvent> page(AuditFilter filter) {
        Query query = query(filter, horizon(), true);
        return jdbc.query(query.sql(), (rs, i) -> read(rs), query.args().toArray());
    }

    /**
     * Every event after the cursor that matches, oldest first, handed to {@code sink} one by one: a cursor inside a
     * read-only transaction fetches {@value #EXPORT_FETCH_SIZE} rows at a time, so memory stays flat whatever the
     * range. Answers how many were exported.
     */
    long export(AuditFilter filter, Consumer<StoredEvent> sink) {
        Query query = query(filter, horizon(), false);
        Long count = readOnly.execute(status -> {
            long[] exported = {0};
            streaming.query(query.sql(), rs -> {
                sink.accept(read(rs));
                exported[0]++;
            }, query.args().toArray());
            return exported[0];
        });
        return count == null ? 0 : count;
    }

    /**
     * The highest position a page may reach: just below the first gap in the tail of the log whose following event
     * is younger than the settle time (see the class comment), else the newest position.
     */
    long horizon() {
        List<long[]> tail = new ArrayList<>();
        Instant settled = Instant.now().minus(Duration.ofSeconds(SETTLE_SECONDS));
        String settledText = AXON_TIME.format(settled);
        jdbc.query("""
                SELECT globalindex, "timestamp" > ? FROM domainevententry
                WHERE globalindex > (SELECT coalesce(max(globalindex), 0) FROM domainevententry) - ?
                ORDER BY globalindex
                """, rs -> {
                    tail.add(new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0});
                }, settledText, TAIL);
        if (tail.isEmpty()) {
            return 0;
        }
        for (int i = 1; i < tail.size(); i++) {
            boolean gap = tail.get(i)[0] > tail.get(i - 1)[0] + 1;
            if (gap && tail.get(i)[1] == 1) {
                return tail.get(i - 1)[0];
            }
        }
        return tail.get(tail.size() - 1)[0];
    }

    private record Query(String sql, List<Object> args) {
    }

    /** Owner, project handle and text id of an {@code embedding:owner/project/text id} resource, or null. */
    private static String[] embedding(String resource) {
        if (resource == null || !resource.startsWith(AuditResourceProjection.EMBEDDING)) {
            return null;
        }
        String[] parts = resource.substring(AuditResourceProjection.EMBEDDING.length()).split("/", 3);
        return parts.length == 3 ? parts : null;
    }

    private static Query query(AuditFilter filter, long horizon, boolean paged) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.globalindex, e."timestamp", e.payloadtype, e.payloadrevision, e.aggregateidentifier,
                       e.sequencenumber, e.metadata, e.payload
                """);
        List<Object> args = new ArrayList<>();
        String position;
        String[] embedding = embedding(filter.resource());
        if (embedding != null) {
            // One embedding: the events the history index lists for its text id in the project that had the name
            // at the time (index (project_id, text_id, global_index)), as the per-embedding history reads them.
            sql.append("""
                    FROM embedding_event_index x
                    JOIN project_name_history n ON n.project_id = x.project_id AND x.global_index >= n.from_index
                         AND (n.until_index IS NULL OR x.global_index < n.until_index)
                    JOIN domainevententry e ON e.globalindex = x.global_index
                    WHERE n.owner = ? AND n.project_handle = ? AND x.text_id = ?
                      AND x.global_index > ? AND x.global_index <= ?
                    """);
            position = "x.global_index";
            args.addAll(List.of(embedding[0], embedding[1], embedding[2]));
        } else if (filter.resource() != null) {
            // Driven by the (resource, position) primary key: one index range in position order.
            sql.append("FROM audit_resource r JOIN domainevententry e ON e.globalindex = r.global_index\n"
                    + "WHERE r.resource = ? AND r.global_index > ? AND r.global_index <= ?\n");
            position = "r.global_index";
            args.add(filter.resource());
        } else {
            sql.append("FROM domainevententry e\nWHERE e.globalindex > ? AND e.globalindex <= ?\n");
            position = "e.globalindex";
        }
        args.add(filter.after());
        args.add(horizon);
        if (filter.actor() != null) {
            sql.append("AND embapi_event_actor(e.metadata) = ?\n");
            args.add(filter.actor());
        }
        if (filter.type() != null) {
            sql.append("AND embapi_event_type(e.payloadtype) = ?\n");
            args.add(filter.type());
        }
        if (filter.from() != null) {
            // Position bound first (one probe of the timestamp index), so the scan starts near the range.
            sql.append("AND ").append(position).append(" > coalesce((SELECT globalindex FROM domainevententry "
                    + "WHERE \"timestamp\" < ? ORDER BY \"timestamp\" DESC LIMIT 1), 0)\n");
            args.add(axonTime(filter.from().minus(INSERT_DELAY)));
            sql.append("AND e.\"timestamp\" >= ?\n");
            args.add(axonTime(filter.from()));
        }
        if (filter.to() != null) {
            sql.append("AND ").append(position).append(" < coalesce((SELECT globalindex FROM domainevententry "
                    + "WHERE \"timestamp\" >= ? ORDER BY \"timestamp\" LIMIT 1), " + Long.MAX_VALUE + ")\n");
            args.add(axonTime(filter.to().plus(INSERT_DELAY)));
            sql.append("AND e.\"timestamp\" < ?\n");
            args.add(axonTime(filter.to()));
        }
        sql.append("ORDER BY ").append(position);
        if (paged) {
            sql.append("\nLIMIT ?");
            args.add(filter.limit());
        }
        return new Query(sql.toString(), args);
    }

    /** The instant as the event store writes it; rounded up to the millisecond, the store's precision. */
    static String axonTime(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return AXON_TIME.format(millis.equals(instant) ? millis : millis.plusMillis(1));
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getBytes(7), rs.getBytes(8));
    }
}
