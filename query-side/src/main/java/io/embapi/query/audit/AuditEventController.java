package io.embapi.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event history for auditors and the admin, read from the event store: a page at a time from a cursor, or as
 * one NDJSON stream for large ranges. Entries are built by {@link AuditEntries} (vectors summarised, personal data
 * opened or marked erased, secrets withheld).
 */
@RestController
@RequestMapping("/v1/audit/events")
@Tag(name = "audit")
class AuditEventController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final String FILTERS = " Filters (all optional, combined with AND): resource (user:alice, "
            + "project:alice/p1 or project:7, instance:alice/emb1, definition:alice/d1, alice/p1/<text id> for one "
            + "embedding, or any stream id such as auditor:carol), actor (user handle, admin, system), type (event "
            + "short name, e.g. UserRegisteredEvent), from (inclusive) and to (exclusive) as RFC 3339 date-times, "
            + "after (cursor: a position).";

    private final AuditLog log;
    private final AuditEntries entries;
    private final JsonMapper json;

    AuditEventController(AuditLog log, AuditEntries entries, JsonMapper json) {
        this.log = log;
        this.entries = entries;
        this.json = json;
    }

    /** One page of entries, and where the next page starts ({@code null}: nothing more for now). */
    record AuditPage(List<ObjectNode> events, @JsonProperty("next_cursor") Long nextCursor) {
    }

    @GetMapping
    @Access({Scheme.ADMIN, Scheme.AUDITOR})
    @Operation(summary = "Page through the event history", description = "Oldest first; limit 1..1000 (default "
            + "100). next_cursor is the position of the last entry when the page is full, else null; pass it as "
            + "after for the next page (a client following the log passes the last position it saw)." + FILTERS)
    AuditPage events(@RequestParam(required = false) String resource,
                     @RequestParam(required = false) String actor,
                     @RequestParam(required = false) String type,
                     @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to,
                     @RequestParam(required = false) Long after,
                     @RequestParam(required = false) Long limit) {
        AuditFilter filter = AuditFilter.of(resource, actor, type, from, to, after, limit);
        List<ObjectNode> page = log.page(filter).stream().map(entries::entry).toList();
        Long next = page.size() == filter.limit() ? page.get(page.size() - 1).get("position").longValue() : null;
        return new AuditPage(page, next);
    }

    @GetMapping(path = "/export", produces = "application/x-ndjson")
    @Access({Scheme.ADMIN, Scheme.AUDITOR})
    @Operation(summary = "Export the event history as NDJSON", description = "The same entries as the paged "
            + "endpoint, one JSON object per line, streamed with constant memory; no limit." + FILTERS)
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String resource,
                                                 @RequestParam(required = false) String actor,
                                                 @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @Parameter(description = "cursor: a position")
                                                 @RequestParam(required = false) Long after) {
        AuditFilter filter = AuditFilter.of(resource, actor, type, from, to, after, null);
        StreamingResponseBody body = output -> write(filter, output);
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private void write(AuditFilter filter, OutputStream output) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(output, 64 * 1024);
        try {
            log.export(filter, event -> {
                try {
                    buffered.write(json.writeValueAsBytes(entries.entry(event)));
                    buffered.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        buffered.flush();
    }
}
