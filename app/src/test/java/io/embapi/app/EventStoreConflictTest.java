package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two appends of the same stream position: PostgreSQL's unique violation surfaces as Axon's conflict exceptions
 * (which the seeders tolerate and the HTTP edge answers with 409), not as a generic storage failure.
 */
class EventStoreConflictTest extends ApiTestSupport {

    @Autowired
    private EventStore eventStore;

    @Test
    void aSecondAppendAtTheSameSequenceIsAConflict() {
        String stream = "conflict-test:" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("ConflictTest", stream, 0L,
                new EmbeddingDeletedEvent(-1, "first")));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("ConflictTest", stream, 0L,
                new EmbeddingDeletedEvent(-1, "second"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        eventStore.publish(new GenericDomainEventMessage<>("ConflictTest", stream, 1L,
                new EmbeddingDeletedEvent(-1, "third")));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("ConflictTest", stream, 1L,
                new EmbeddingDeletedEvent(-1, "fourth"))))
                .isInstanceOf(ConcurrencyException.class);
    }
}
