package io.embapi.bench;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Optimistic concurrency as an event-sourced repository meets it on PostgreSQL: an append whose
 * (aggregate, sequence) is taken fails with a unique violation (SQLSTATE 23505) once the other transaction commits;
 * appends that wait on each other in opposite orders end in a deadlock (40P01) after {@code deadlock_timeout}.
 * Either way the whole batch is re-read and retried in a new transaction.
 */
final class Retry {

    private static final int MAX_ATTEMPTS = 200;

    /** Conflicts and deadlocks seen, summed over threads. */
    static final class Counters {
        final LongAdder attempts = new LongAdder();
        final LongAdder conflicts = new LongAdder();
        final LongAdder deadlocks = new LongAdder();
        /** The exception class Axon's engine reported the first conflict with. */
        final AtomicReference<String> conflictReportedAs = new AtomicReference<>();

        long conflicts() {
            return conflicts.sum();
        }

        long deadlocks() {
            return deadlocks.sum();
        }

        long attempts() {
            return attempts.sum();
        }
    }

    private Retry() {
    }

    static void run(Runnable attempt, Counters counters) {
        for (int i = 1; ; i++) {
            counters.attempts.increment();
            try {
                attempt.run();
                return;
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if ("23505".equals(state)) {
                    counters.conflicts.increment();
                    counters.conflictReportedAs.compareAndSet(null, e.getClass().getName());
                } else if ("40P01".equals(state)) {
                    counters.deadlocks.increment();
                } else {
                    throw e;
                }
                if (i >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("gave up after " + i + " attempts", e);
                }
            }
        }
    }

    /** The SQLSTATE somewhere in the cause chain (also behind a JDBC batch's next exception), or null. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if ("23505".equals(state) || "40P01".equals(state)) {
                        return state;
                    }
                }
            }
        }
        return null;
    }
}
