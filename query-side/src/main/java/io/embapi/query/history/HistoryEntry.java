package io.embapi.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One event in a resource's history: where it is in the event store, when it happened, who caused it in which
 * request, and what it changed. A change is {@code {"from": …, "to": …}} where the values may be shown, or the
 * string {@code "changed"} for personal data, key hashes, vectors and texts (never shown); sets such as the
 * members of a project appear per element ({@code shared_with.bob}).
 */
@Schema(name = "HistoryEntry")
public record HistoryEntry(
        @Schema(description = "the event's global index; pass it as 'after' to page on") long position,
        Instant time,
        @Schema(description = "the event type, e.g. ProjectSharedEvent") String event,
        @JsonInclude(JsonInclude.Include.NON_NULL) String actor,
        @JsonProperty("actor_type") @JsonInclude(JsonInclude.Include.NON_NULL) String actorType,
        @JsonProperty("request_id") @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        Map<String, Object> changes) {

    static HistoryEntry of(EventHistory.HistoricEvent event, Map<String, Object> changes) {
        return new HistoryEntry(event.position(), event.time(), event.type(), event.actor(), event.actorType(),
                event.requestId(), changes);
    }
}
