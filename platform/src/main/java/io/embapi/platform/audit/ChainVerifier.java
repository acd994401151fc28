package io.embapi.platform.audit;

import io.embapi.platform.audit.ChainReport.Broken;
import io.embapi.platform.audit.ChainReport.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * Walks the hash chain in position order and recomputes every entry from the stored event row. Constant memory:
 * the rows stream through a cursor, one small fetch at a time, inside one read-only REPEATABLE READ transaction
 * (a consistent picture of chain and store; it holds no transaction id, so it never holds the chainer back).
 *
 * <p>Findings, first one wins: an entry whose prev_hash is not its predecessor's hash (an entry was removed or
 * altered), an entry whose event row is gone, an entry whose recomputed hash differs (the event row was changed),
 * and — when the walk reaches the head — an event ordered before the head that has no entry (inserted behind the
 * chainer). A range starting after position 1 trusts the stored hash of the entry before it.
 *
 * <p>Plain JDBC on a {@link DataSource}, so the ops command ({@link AuditVerifyCli}) runs the same code without the
 * service.
 */
@Component
public class ChainVerifier {

    private static final int FETCH = 100;
    private static final long CHUNK = 10_000;

    private final DataSource dataSource;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Verifies positions {@code from}..{@code to} (both optional: from the first entry, to the head).
     */
    public ChainReport verify(Long from, Long to) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                ChainReport report = verify(connection, from == null ? 1 : from, to, started);
                connection.commit();
                return report;
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("verifying the event chain failed: " + e.getMessage(), e);
        }
    }

    private ChainReport verify(Connection connection, long from, Long to, long started) throws SQLException {
        EventChainer.Head head = EventChainer.Head.read(connection);
        ChainReport.Head headView = head.position() == 0 ? null
                : new ChainReport.Head(head.position(), head.globalIndex(), ChainHash.hex(head.hash()));
        long last = to == null ? head.position() : Math.min(to, head.position());
        byte[] expectedPrev = from == 1 ? ChainHash.GENESIS : hashAt(connection, from - 1);
        Walk walk = new Walk(from, expectedPrev);
        try (PreparedStatement chunk = connection.prepareStatement("SELECT c.chain_seq, c.global_index, "
                + "c.prev_hash, c.hash, " + StoredEvent.columns("d") + " FROM event_chain c "
                + "LEFT JOIN domainevententry d ON d.globalindex = c.global_index "
                + "WHERE c.chain_seq BETWEEN ? AND ? ORDER BY c.chain_seq")) {
            chunk.setFetchSize(FETCH);
            binary(chunk);
            // position ranges of CHUNK entries: each is an index walk of both tables, never a sort of the store
            for (long low = from; low <= last; low += CHUNK) {
                chunk.setLong(1, low);
                chunk.setLong(2, Math.min(last, low + CHUNK - 1));
                try (ResultSet rs = chunk.executeQuery()) {
                    while (rs.next()) {
                        Broken broken = walk.check(rs);
                        if (broken != null) {
                            return new ChainReport(false, from, last, walk.verified, walk.lastHash(), headView,
                                    null, broken, elapsed(started));
                        }
                    }
                }
            }
        }
        long verified = walk.verified;
        if (to != null && to < head.position()) {
            return new ChainReport(true, from, last, verified, walk.lastHash(), headView, null, null,
                    elapsed(started));
        }
        Broken unchained = firstUnchained(connection, head);
        return new ChainReport(unchained == null, from, last, verified, walk.lastHash(), headView,
                pending(connection, head), unchained, elapsed(started));
    }

    /** Server-prepared from the first execution, so bytea arrives in binary rather than as hex text. */
    static void binary(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
    }

    /** The running state of a walk: the hash the next entry must name as its predecessor. */
    private static final class Walk {

        private byte[] expectedPrev;
        private long expectedPosition;
        private long verified;

        Walk(long from, byte[] expectedPrev) {
            this.expectedPosition = from;
            this.expectedPrev = expectedPrev;
        }

        /** The hash of the last entry found correct, or null before the first. */
        String lastHash() {
            return verified == 0 ? null : ChainHash.hex(expectedPrev);
        }

        /** Checks the entry at the cursor; the first finding, or null when it is correct. */
        Broken check(ResultSet rs) throws SQLException {
            long position = rs.getLong(1);
            long globalIndex = rs.getLong(2);
            byte[] prev = rs.getBytes(3);
            byte[] stored = rs.getBytes(4);
            if (expectedPrev != null && !Arrays.equals(prev, expectedPrev)) {
                return new Broken(position, globalIndex, Reason.PREV_HASH_MISMATCH.value(),
                        position != expectedPosition
                                ? "chain position " + expectedPosition + (position - expectedPosition > 1
                                ? ".." + (position - 1) : "") + " is missing; prev_hash does not match"
                                : "prev_hash does not match the hash of position " + (position - 1));
            }
            if (rs.getObject(5) == null) {
                return new Broken(position, globalIndex, Reason.EVENT_MISSING.value(),
                        "the event with global index " + globalIndex + " is no longer in the event store");
            }
            if (!Arrays.equals(ChainHash.next(prev, StoredEvent.read(rs, 5)), stored)) {
                return new Broken(position, globalIndex, Reason.HASH_MISMATCH.value(),
                        "the stored event with global index " + globalIndex + " differs from the event that was "
                                + "chained (payload, metadata or another column changed)");
            }
            expectedPrev = stored;
            expectedPosition = position + 1;
            verified++;
            return null;
        }
    }

    /** The stored hash at {@code position}, trusted as the start of a range; null when it is gone. */
    private static byte[] hashAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement hash = connection.prepareStatement("SELECT hash FROM event_chain WHERE chain_seq = ?")) {
            hash.setLong(1, position);
            try (ResultSet rs = hash.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static Broken firstUnchained(Connection connection, EventChainer.Head head) throws SQLException {
        try (PreparedStatement unchained = connection.prepareStatement("SELECT min(d.globalindex), count(*) "
                + "FROM domainevententry d WHERE (d.xact_id, d.globalindex) < (?::text::xid8, ?) "
                + "AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = d.globalindex)")) {
            unchained.setString(1, Long.toString(head.xactId()));
            unchained.setLong(2, head.globalIndex());
            try (ResultSet rs = unchained.executeQuery()) {
                rs.next();
                long count = rs.getLong(2);
                if (count == 0) {
                    return null;
                }
                long globalIndex = rs.getLong(1);
                return new Broken(null, globalIndex, Reason.UNCHAINED.value(), count + " event(s) ordered before "
                        + "the chain's head are not in the chain; the first has global index " + globalIndex);
            }
        }
    }

    private static long pending(Connection connection, EventChainer.Head head) throws SQLException {
        try (PreparedStatement pending = connection.prepareStatement("SELECT count(*) FROM domainevententry d "
                + "WHERE (d.xact_id, d.globalindex) > (?::text::xid8, ?) "
                + "AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = d.globalindex)")) {
            pending.setString(1, Long.toString(head.xactId()));
            pending.setLong(2, head.globalIndex());
            try (ResultSet rs = pending.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
