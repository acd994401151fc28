package io.embapi.query.history;

import io.embapi.platform.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The {@code as_of} query parameter: an RFC 3339 timestamp with an offset ({@code 2026-11-29T10:15:30Z},
 * {@code …+01:00}, fractions allowed), compared at the event store's millisecond precision. A malformed value or one
 * in the future is 400: the history cannot answer for a time that has not happened yet.
 */
public final class AsOf {

    public static final String PARAMETER = "as_of";
    public static final String DESCRIPTION = "RFC 3339 timestamp (e.g. 2026-11-29T10:15:30Z; send '+' as %2B): "
            + "answer the state after every event up to that time, from the event history. Access is checked "
            + "against the current permissions; members and public readers see only the past of the project this "
            + "URL names now (docs/adr/0011).";

    private AsOf() {
    }

    /** The instant, or {@code null} when the parameter is absent. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("as_of must be an RFC 3339 timestamp with a time zone, such as "
                    + "2026-11-29T10:15:30Z; got '" + value + "'");
        }
        if (at.isAfter(Instant.now())) {
            throw ApiException.badRequest("as_of " + value + " is in the future");
        }
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
