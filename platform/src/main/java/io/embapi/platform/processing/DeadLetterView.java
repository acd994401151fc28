package io.embapi.platform.processing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One dead letter, without its payload (which may hold sealed personal data or vectors).
 *
 * @param sequence          the sequence it blocks (the aggregate identifier, e.g. {@code user:alice})
 * @param index             its place in the sequence (0 = the one that failed first; the others wait behind it)
 * @param eventType         the event's payload type
 * @param globalIndex       the event's position in the event store
 * @param aggregateSequence the event's sequence number in its aggregate stream
 * @param enqueuedAt        when it was dead-lettered
 * @param lastTouched       when it was last tried
 * @param retries           failed retries so far
 * @param cause             the failure, summarised ({@link HandlerFailure})
 */
public record DeadLetterView(
        String sequence,
        int index,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("global_index") Long globalIndex,
        @JsonProperty("aggregate_sequence") Long aggregateSequence,
        @JsonProperty("enqueued_at") Instant enqueuedAt,
        @JsonProperty("last_touched") Instant lastTouched,
        int retries,
        String cause) {
}
