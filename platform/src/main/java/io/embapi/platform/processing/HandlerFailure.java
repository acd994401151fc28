package io.embapi.platform.processing;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A handler failure as it is stored with a dead letter and shown to operators: the type of the innermost cause and
 * its first line, without the SQL text and without PostgreSQL's detail (which quotes the failing row). No stack.
 */
public final class HandlerFailure extends RuntimeException {

    private static final int MAX_LENGTH = 500;

    private HandlerFailure(String summary) {
        super(summary, null, false, false);
    }

    /** The summary of {@code failure} (an already summarised failure stays as it is). */
    public static HandlerFailure of(Throwable failure) {
        if (failure instanceof HandlerFailure summary) {
            return summary;
        }
        return new HandlerFailure(summarize(failure));
    }

    /** "type: message" of the innermost cause, reduced to what is safe to show. */
    public static String summarize(Throwable failure) {
        if (failure == null) {
            return "";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage() + (server.getSQLState() == null ? "" : " (SQLSTATE " + server.getSQLState()
                    + ")");
        } else if (root instanceof SQLException sql) {
            message = firstLine(sql.getMessage()) + (sql.getSQLState() == null ? "" : " (SQLSTATE "
                    + sql.getSQLState() + ")");
        }
        String summary = root.getClass().getName() + ": " + firstLine(message);
        return summary.length() > MAX_LENGTH ? summary.substring(0, MAX_LENGTH) + "…" : summary;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        int detail = line.indexOf("Detail:");
        if (detail >= 0) {
            line = line.substring(0, detail);
        }
        return line.replaceAll("SQL \\[.*?];", "").strip();
    }
}
