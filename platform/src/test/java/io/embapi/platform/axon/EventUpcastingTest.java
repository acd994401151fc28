package io.embapi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embapi.shared.definition.DefinitionChangedEvent;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

/**
 * Stored payloads of old revisions (JSON fixtures under {@code src/test/resources/events}, as the service wrote them)
 * read through the event store's path: the configured serializer and upcaster chain, exactly as
 * {@code JdbcEventStorageEngine} reads a row.
 */
class EventUpcastingTest {

    private final JacksonSerializers configuration = new JacksonSerializers();
    private final Serializer serializer = configuration.eventSerializer();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(configuration.definitionSpecUpcaster());

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = EventUpcastingTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** A row of {@code domainevententry} as the JDBC engine hands it over. */
    private static DomainEventData<byte[]> row(Class<?> type, String revision, byte[] payload) {
        return new GenericDomainEventEntry<>("LlmDefinition", "definition:42", 0, UUID.randomUUID().toString(),
                Instant.parse("2026-12-01T10:00:00Z"), type.getName(), revision, payload,
                "{\"actor\":\"alice\",\"actorType\":\"user\",\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));
    }

    private List<? extends DomainEventMessage<?>> read(DomainEventData<byte[]> row) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, upcasters)
                .asStream().toList();
    }

    @Test
    void aRevisionOneCreationWithUnknownDimensionsReadsAsRevisionTwoWithNullDimensions() throws IOException {
        List<? extends DomainEventMessage<?>> read = read(row(DefinitionCreatedEvent.class, "1",
                fixture("DefinitionCreatedEvent-rev1.json")));

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getPayload()).isEqualTo(new DefinitionCreatedEvent(42, "alice", "my-embedder",
                new DefinitionSpec("https://embed.example.org/v1/embeddings", "in-house model, size not published",
                        "openai", "house-embed-2", null, 512, false)));
        assertThat(read.get(0).getMetaData()).containsEntry("actor", "alice").containsEntry("requestId", "r-1");
    }

    @Test
    void upcastingChangesOnlyTheSentinelNotAnyOtherField() throws IOException {
        byte[] old = fixture("DefinitionCreatedEvent-rev1.json");
        Object upcast = read(row(DefinitionCreatedEvent.class, "1", old)).get(0).getPayload();

        JsonNode written = JacksonSerializers.objectMapper().readTree(
                JacksonSerializers.objectMapper().writeValueAsBytes(upcast));
        ObjectNode expected = (ObjectNode) JacksonSerializers.objectMapper().readTree(old);
        ((ObjectNode) expected.get("spec")).putNull("dimensions");
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void aRevisionOneChangeWithKnownDimensionsKeepsThem() throws IOException {
        Object payload = read(row(DefinitionChangedEvent.class, "1", fixture("DefinitionChangedEvent-rev1.json")))
                .get(0).getPayload();

        assertThat(payload).isEqualTo(new DefinitionChangedEvent(42, new DefinitionSpec(
                "https://embed.example.org/v1/embeddings", "size published now", "openai", "house-embed-2", 1024,
                512, true)));
    }

    @Test
    void aRevisionTwoRowIsReadAsWritten() {
        DefinitionCreatedEvent event = new DefinitionCreatedEvent(43, "bob", "other", new DefinitionSpec(
                "https://e.example.org", "", "cohere", "m", null, 0, true));
        byte[] payload = serializer.serialize(event, byte[].class).getData();

        assertThat(serializer.typeForClass(DefinitionCreatedEvent.class).getRevision()).isEqualTo("2");
        assertThat(read(row(DefinitionCreatedEvent.class, "2", payload)).get(0).getPayload()).isEqualTo(event);
    }

    @Test
    void aRowWithoutRevisionIsReadAsItIsWithoutUpcasting() throws IOException {
        Object payload = read(row(DefinitionCreatedEvent.class, null, fixture("DefinitionCreatedEvent-rev1.json")))
                .get(0).getPayload();

        assertThat(((DefinitionCreatedEvent) payload).spec().dimensions()).isZero();
    }
}
