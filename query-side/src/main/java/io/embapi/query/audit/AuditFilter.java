package io.embapi.query.audit;

import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.ValidationError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /v1/audit/events} and its export, checked together (every problem in one 422).
 *
 * @param resource a resource ({@code user:alice}, {@code project:alice/p1}, {@code project:7},
 *                 {@code embedding:alice/p1/doc-7} or just {@code alice/p1/doc-7}, {@code instance:alice/emb1}, any
 *                 stream id such as {@code auditor:carol}); {@code null} for all
 * @param actor    who acted (a user handle, {@code admin}, {@code system}, …); {@code null} for all
 * @param type     the event type's short name (e.g. {@code UserRegisteredEvent}); {@code null} for all
 * @param from     events at or after this instant; {@code null} for no bound
 * @param to       events before this instant (exclusive); {@code null} for no bound
 * @param after    the cursor: only events at positions greater than this
 * @param limit    page size (the export ignores it)
 */
record AuditFilter(String resource, String actor, String type, Instant from, Instant to, long after, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern RESOURCE = Pattern.compile("^[a-z][a-z-]*:\\S.*$");
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9_]{1,200}$");

    static AuditFilter of(String resource, String actor, String type, String from, String to, Long after,
                          Long limit) {
        List<ValidationError> errors = new ArrayList<>();
        String normalised = resource(resource, errors);
        if (type != null && !TYPE.matcher(type).matches()) {
            errors.add(new ValidationError("expected an event type's short name, e.g. UserRegisteredEvent",
                    "query.type", type));
        }
        if (actor != null && (actor.isBlank() || actor.length() > 64)) {
            errors.add(new ValidationError("expected an actor of 1 to 64 characters", "query.actor", actor));
        }
        Instant fromInstant = instant(from, "query.from", errors);
        Instant toInstant = instant(to, "query.to", errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new ValidationError("expected from to be before to", "query.to", to));
        }
        long cursor = after == null ? 0 : after;
        if (cursor < 0) {
            errors.add(new ValidationError("expected number >= 0", "query.after", cursor));
        }
        long size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1) {
            errors.add(new ValidationError("expected number >= 1", "query.limit", size));
        } else if (size > MAX_LIMIT) {
            errors.add(new ValidationError("expected number <= " + MAX_LIMIT, "query.limit", size));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        return new AuditFilter(normalised, blankToNull(actor), type, fromInstant, toInstant, cursor, (int) size);
    }

    /** The same filter from the position {@code after} on. */
    AuditFilter after(long position) {
        return new AuditFilter(resource, actor, type, from, to, position, limit);
    }

    private static String resource(String resource, List<ValidationError> errors) {
        if (resource == null) {
            return null;
        }
        String value = resource.strip();
        if (!value.contains(":") && value.chars().filter(c -> c == '/').count() >= 2) {
            value = AuditResourceProjection.EMBEDDING + value;
        }
        if (value.length() > 1200 || !RESOURCE.matcher(value).matches()) {
            errors.add(new ValidationError("expected a resource such as user:alice, project:alice/p1, project:7, "
                    + "instance:alice/emb1 or alice/p1/<text id>", "query.resource", resource));
            return null;
        }
        return value;
    }

    private static Instant instant(String value, String location, List<ValidationError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new ValidationError("expected an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z", location,
                    value));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
