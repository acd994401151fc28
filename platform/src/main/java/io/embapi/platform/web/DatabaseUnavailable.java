package io.embapi.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure whose root is a lost or unreachable database, however deep it is wrapped (Axon's command and
 * query exceptions, Spring's transaction and data access exceptions, Hikari's pool timeout). Such a failure says
 * nothing about the request, so it is answered 503 with {@code Retry-After} instead of 500: the client may retry the
 * same request once PostgreSQL is back. A write that got 503 is stored whole or not at all: not at all, unless the
 * connection broke during its commit, when PostgreSQL may have committed it.
 */
final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying; a PostgreSQL restart takes a few seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    /** True when {@code failure} or one of its causes is a connection failure. */
    static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
            // A commit or rollback that failed: the connection broke at the end of the transaction (PostgreSQL
            // terminated it). Spring then throws the rollback's failure ("Connection is closed", no SQLSTATE) and
            // only logs the commit's; the write may or may not be stored, and a retry of the same request is safe.
            if (t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01..57P03 (admin shutdown, crash shutdown, cannot connect now)
     * and 53300 (too many connections).
     */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }
}
