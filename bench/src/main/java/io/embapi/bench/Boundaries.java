package io.embapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embapi.bench.Workload.Item;
import io.embapi.shared.embedding.EmbeddingBatchIds;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.vector.VectorCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * The three candidate aggregate boundaries for an accepted upload batch, each written the way its design would write
 * it on the real event store. Every upsert is one transaction (the batch is atomic) and is retried as a whole on an
 * optimistic-concurrency conflict.
 */
final class Boundaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Boundaries() {
    }

    /** One way of storing an accepted batch. */
    interface Boundary {
        String label();

        void upsert(long projectId, List<Item> items, Retry.Counters counters);
    }

    /** (a) today's design, event store only: one {@link EmbeddingsUpsertedEvent} in a fresh stream per batch. */
    static Boundary perBatch(BenchStore store) {
        return new Boundary() {
            @Override
            public String label() {
                return "a: per batch";
            }

            @Override
            public void upsert(long projectId, List<Item> items, Retry.Counters counters) {
                Retry.run(() -> store.inTransaction(() -> {
                    List<EmbeddingRecord> records = new ArrayList<>(items.size());
                    for (Item item : items) {
                        records.add(record(item, item.text(), item.metadataPatch()));
                    }
                    store.append(List.of(batchEvent(projectId, records)));
                }), counters);
            }
        };
    }

    /**
     * (a) as the command side runs it today: advisory lock per (project, text id), current text and metadata from
     * {@code embedding_registry}, merge, one batch event, registry rows upserted in the same transaction.
     */
    static Boundary perBatchWithLookup(BenchStore store) {
        LookupTable lookup = new LookupTable(store);
        return new Boundary() {
            @Override
            public String label() {
                return "a: per batch + lookup";
            }

            @Override
            public void upsert(long projectId, List<Item> items, Retry.Counters counters) {
                Retry.run(() -> store.inTransaction(() -> {
                    Map<String, Stored> stored = new HashMap<>(lookup.lockStored(projectId,
                            items.stream().map(Item::textId).distinct().toList()));
                    List<EmbeddingRecord> records = new ArrayList<>(items.size());
                    for (Item item : items) {
                        Stored current = stored.get(item.textId());
                        EmbeddingRecord record = merged(item, current == null ? null : current.text(),
                                current == null ? null : current.metadata());
                        stored.put(item.textId(), new Stored(item.textId(), record.text(), record.metadata()));
                        records.add(record);
                    }
                    store.append(List.of(batchEvent(projectId, records)));
                    lookup.upsert(projectId, records);
                }), counters);
            }
        };
    }

    /**
     * (b) one stream per project: the batch event is appended at the stream's next sequence number, read with
     * {@code lastSequenceNumberFor} in the same transaction (the cheapest thing an event-sourced repository could do;
     * loading the aggregate's state costs what the load benchmark shows on top).
     */
    static Boundary perProject(BenchStore store) {
        return new Boundary() {
            @Override
            public String label() {
                return "b: per project";
            }

            @Override
            public void upsert(long projectId, List<Item> items, Retry.Counters counters) {
                String stream = ProjectIds.aggregateId(projectId);
                Retry.run(() -> store.inTransaction(() -> {
                    long next = store.engine().lastSequenceNumberFor(stream).map(s -> s + 1).orElse(0L);
                    List<EmbeddingRecord> records = new ArrayList<>(items.size());
                    for (Item item : items) {
                        records.add(record(item, item.text(), item.metadataPatch()));
                    }
                    store.append(List.of(BenchStore.event("Project", stream, next,
                            new EmbeddingsUpsertedEvent(projectId, records))));
                }), counters);
            }
        };
    }

    /**
     * (c) one aggregate per embedding, {@code embedding:<project>:<textId>}: every item's aggregate is loaded
     * through the event store (snapshot lookup and events, as a repository does), its state merged, and one
     * one-record event per item appended, all items in one transaction.
     */
    static Boundary perEmbedding(BenchStore store) {
        return new Boundary() {
            @Override
            public String label() {
                return "c: per embedding";
            }

            @Override
            public void upsert(long projectId, List<Item> items, Retry.Counters counters) {
                Retry.run(() -> store.inTransaction(() -> {
                    List<DomainEventMessage<?>> events = new ArrayList<>(items.size());
                    for (Item item : items) {
                        String stream = embeddingStream(projectId, item.textId());
                        EmbeddingState state = loadEmbedding(store, stream);
                        EmbeddingRecord record = merged(item, state.exists() ? state.text() : null,
                                state.exists() ? state.metadata() : null);
                        events.add(BenchStore.event("Embedding", stream, state.lastSequence() + 1,
                                new EmbeddingsUpsertedEvent(projectId, List.of(record))));
                    }
                    store.append(events);
                }), counters);
            }
        };
    }

    static String embeddingStream(long projectId, String textId) {
        return "embedding:" + projectId + ":" + textId;
    }

    /** What a per-embedding aggregate knows after replaying its events. */
    record EmbeddingState(long lastSequence, boolean exists, String text, String metadata) {
    }

    static EmbeddingState loadEmbedding(BenchStore store, String stream) {
        return foldEmbedding(store.eventStore().readEvents(stream));
    }

    static EmbeddingState foldEmbedding(DomainEventStream events) {
        EmbeddingState state = new EmbeddingState(-1, false, null, null);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            if (payload instanceof EmbeddingsUpsertedEvent upserted) {
                EmbeddingRecord record = upserted.embeddings().get(0);
                state = new EmbeddingState(event.getSequenceNumber(), true, record.text(), record.metadata());
            } else if (payload instanceof EmbeddingDeletedEvent) {
                state = new EmbeddingState(event.getSequenceNumber(), false, null, null);
            } else {
                state = new EmbeddingState(event.getSequenceNumber(), state.exists(), state.text(), state.metadata());
            }
        }
        return state;
    }

    static DomainEventMessage<EmbeddingsUpsertedEvent> batchEvent(long projectId, List<EmbeddingRecord> records) {
        return BenchStore.event("EmbeddingBatch", EmbeddingBatchIds.streamId(UUID.randomUUID().toString()), 0L,
                new EmbeddingsUpsertedEvent(projectId, records));
    }

    static EmbeddingRecord record(Item item, String text, String metadata) {
        return new EmbeddingRecord(item.textId(), text, item.vector().length, VectorCodec.encode(item.vector()),
                metadata);
    }

    /** The command side's rules: sent metadata keys replace stored ones, null removes, empty text keeps the text. */
    static EmbeddingRecord merged(Item item, String storedText, String storedMetadata) {
        String metadata = storedMetadata;
        if (item.metadataPatch() != null) {
            try {
                JsonNode patch = JSON.readTree(item.metadataPatch());
                ObjectNode result = storedMetadata == null ? JSON.createObjectNode()
                        : (ObjectNode) JSON.readTree(storedMetadata);
                patch.fields().forEachRemaining(entry -> {
                    if (entry.getValue().isNull()) {
                        result.remove(entry.getKey());
                    } else {
                        result.set(entry.getKey(), entry.getValue());
                    }
                });
                metadata = JSON.writeValueAsString(result);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        String text = item.text() != null && !item.text().isEmpty() ? item.text()
                : storedText != null ? storedText : "";
        return record(item, text, metadata);
    }

    /** A stored embedding's text and metadata in the lookup table. */
    record Stored(String textId, String text, String metadata) {
    }

    /** The command-side {@code embedding_registry} as today's ingestion uses it (same statements). */
    static final class LookupTable {

        private final BenchStore store;

        LookupTable(BenchStore store) {
            this.store = store;
        }

        Map<String, Stored> lockStored(long projectId, List<String> textIds) {
            String[] ids = textIds.toArray(String[]::new);
            store.jdbc().query("""
                    SELECT pg_advisory_xact_lock(k) FROM (
                        SELECT DISTINCT hashtextextended(?::text || '/' || t, 0) AS k FROM unnest(?::text[]) AS t
                        ORDER BY k) keys
                    """, rs -> {
                    }, projectId, ids);
            return store.jdbc().query("""
                    SELECT text_id, text, metadata::text FROM embedding_registry
                    WHERE project_id = ? AND text_id = ANY (?)
                    """, (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)), projectId, ids)
                    .stream().collect(Collectors.toMap(Stored::textId, Function.identity()));
        }

        void upsert(long projectId, List<EmbeddingRecord> records) {
            store.jdbc().batchUpdate("""
                    INSERT INTO embedding_registry (project_id, text_id, text, metadata, vector_dim)
                    VALUES (?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (project_id, text_id) DO UPDATE
                    SET text = EXCLUDED.text, metadata = EXCLUDED.metadata, vector_dim = EXCLUDED.vector_dim
                    """, records, 500, (ps, record) -> {
                        ps.setLong(1, projectId);
                        ps.setString(2, record.textId());
                        ps.setString(3, record.text());
                        ps.setString(4, record.metadata());
                        ps.setInt(5, record.dimensions());
                    });
        }

        List<String> textIds(long projectId) {
            return store.jdbc().queryForList("SELECT text_id FROM embedding_registry WHERE project_id = ?",
                    String.class, projectId);
        }

        int deleteAll(long projectId) {
            return store.jdbc().update("DELETE FROM embedding_registry WHERE project_id = ?", projectId);
        }
    }
}
