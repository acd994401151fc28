package io.embapi.platform.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The single writer of {@code event_chain}: follows {@code domainevententry} and appends one chain entry per event,
 * {@code hash = SHA-256(prev_hash || event)} ({@link ChainHash}).
 *
 * <p>Order: events are taken in {@code (xact_id, globalindex)} order, and only from transactions older than the
 * oldest one still running ({@code pg_snapshot_xmin(pg_current_snapshot())}). Such a transaction has committed or
 * rolled back for good, so no event can later appear before the chain's head: an event that a slow writer commits
 * with a lower global index than events already chained is simply chained after them, never skipped, and there are
 * no gap timeouts to tune. The price is lag: while any transaction of the cluster runs, the chain waits for it.
 *
 * <p>It is deliberately not an Axon event processor: it has no token for a replay or a projection rebuild to reset,
 * and read-your-writes ({@code ProjectionBarrier}) never waits for it. Its state is the table itself (the head
 * entry), so several nodes may run it: a transaction-scoped advisory lock lets one append at a time, and the unique
 * keys on {@code chain_seq} and {@code global_index} make a double append fail rather than fork the chain.
 */
@Component
public class EventChainer implements SmartLifecycle {

    /** Processing-group style name, for tooling that lists background event followers (never reset it). */
    public static final String NAME = "audit-chain";
    private static final Logger log = LoggerFactory.getLogger(EventChainer.class);
    /** Advisory lock key of the chain writer ("embachn1"). */
    private static final long LOCK = 0x656d6261_63686e31L;
    private static final int FLUSH_EVERY = 64;

    private final DataSource dataSource;
    private final Duration interval;
    private final int batchSize;
    private final boolean enabled;
    private final AtomicLong lag = new AtomicLong();
    private final Counter appended;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    EventChainer(DataSource dataSource, MeterRegistry meters,
                 @Value("${embapi.audit.chain-interval:200ms}") Duration interval,
                 @Value("${embapi.audit.chain-batch:500}") int batchSize,
                 @Value("${embapi.audit.chain-enabled:true}") boolean enabled) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.batchSize = batchSize;
        this.enabled = enabled;
        Gauge.builder("embapi.audit.chain.lag", lag, AtomicLong::get)
                .description("committed events not yet in the hash chain (as of the chainer's last run)")
                .register(meters);
        this.appended = Counter.builder("embapi.audit.chain.appended")
                .description("events appended to the hash chain by this node").register(meters);
    }

    /**
     * Appends the next batch of events to the chain.
     *
     * @return how many events were chained (0 when there was nothing to do or another node holds the lock)
     */
    public int chainOnce() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int chained = lockAndAppend(connection);
                connection.commit();
                if (chained < batchSize) {
                    lag.set(countLag(connection));
                    connection.commit();
                }
                appended.increment(chained);
                return chained;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("appending to the event chain failed: " + e.getMessage(), e);
        }
    }

    private int lockAndAppend(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        Head head = Head.read(connection);
        long seq = head.position();
        byte[] prev = head.hash();
        int chained = 0;
        try (PreparedStatement next = connection.prepareStatement("SELECT " + StoredEvent.columns("d")
                + ", d.xact_id::text FROM domainevententry d"
                + " WHERE (d.xact_id, d.globalindex) > (?::text::xid8, ?)"
                + " AND d.xact_id < pg_snapshot_xmin(pg_current_snapshot())"
                // a row deleted and inserted again under its old global index is the verifier's finding, not
                // a second chain entry
                + " AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = d.globalindex)"
                + " ORDER BY d.xact_id, d.globalindex LIMIT ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO event_chain "
                     + "(chain_seq, global_index, event_xact_id, prev_hash, hash) VALUES (?, ?, ?::text::xid8, ?, ?)")) {
            next.setFetchSize(FLUSH_EVERY);
            ChainVerifier.binary(next);
            next.setString(1, Long.toString(head.xactId()));
            next.setLong(2, head.globalIndex());
            next.setInt(3, batchSize);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = StoredEvent.read(rs, 1);
                    byte[] hash = ChainHash.next(prev, event);
                    seq++;
                    insert.setLong(1, seq);
                    insert.setLong(2, event.globalIndex());
                    insert.setString(3, rs.getString(11));
                    insert.setBytes(4, prev);
                    insert.setBytes(5, hash);
                    insert.addBatch();
                    prev = hash;
                    if (++chained % FLUSH_EVERY == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (chained % FLUSH_EVERY != 0) {
                insert.executeBatch();
            }
        }
        return chained;
    }

    /** Committed events after the chain's head (capped: the gauge shows "a million or more" as a million). */
    private static long countLag(Connection connection) throws SQLException {
        Head head = Head.read(connection);
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM "
                + "domainevententry d WHERE (d.xact_id, d.globalindex) > (?::text::xid8, ?) LIMIT 1000000) s")) {
            count.setString(1, Long.toString(head.xactId()));
            count.setLong(2, head.globalIndex());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Committed events not yet chained, as of the last run. */
    public long lag() {
        return lag.get();
    }

    private void runUntilIdle() {
        try {
            while (running && chainOnce() >= batchSize) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("event chain: {}; retrying in {}", e.getMessage(), interval);
        }
    }

    @Override
    public synchronized void start() {
        if (!enabled || scheduler != null) {
            return;
        }
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, NAME);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runUntilIdle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The chain's last entry, or the genesis position 0 when the chain is empty. */
    record Head(long position, long globalIndex, long xactId, byte[] hash) {

        static Head read(Connection connection) throws SQLException {
            try (PreparedStatement head = connection.prepareStatement("SELECT chain_seq, global_index, "
                    + "event_xact_id::text, hash FROM event_chain ORDER BY chain_seq DESC LIMIT 1");
                 ResultSet rs = head.executeQuery()) {
                if (!rs.next()) {
                    return new Head(0, 0, 0, ChainHash.GENESIS);
                }
                return new Head(rs.getLong(1), rs.getLong(2), Long.parseLong(rs.getString(3)), rs.getBytes(4));
            }
        }
    }
}
