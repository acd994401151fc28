package io.embapi.query.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.testing.TestDatabase;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.query.QuerySideTestApplication;
import io.embapi.shared.embedding.EmbeddingBatchIds;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.vector.VectorCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedding-view projection on real pgvector: batches in, halfvec rows out, and a replay rebuilds them. */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = {
        "embapi.admin-key=projection-test-admin-key-7Qm2Xr9Lk4Vb8Nz1",
        "embapi.encryption-key=projection-test-encryption-key-Hw5Tq8Jd3Pc6"})
class EmbeddingViewProjectionTest {

    private static final Random RANDOM = new Random(7);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private static EmbeddingRecord record(String textId, int dimensions, String metadata) {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) RANDOM.nextGaussian();
        }
        return new EmbeddingRecord(textId, "text of " + textId, dimensions, VectorCodec.encode(vector), metadata);
    }

    private void batch(long projectId, List<EmbeddingRecord> records) {
        eventStore.publish(new GenericDomainEventMessage<>("EmbeddingBatch",
                EmbeddingBatchIds.streamId(UUID.randomUUID().toString()), 0L,
                new EmbeddingsUpsertedEvent(projectId, records)));
    }

    private List<Map<String, Object>> rows(long projectId) {
        return jdbc.queryForList("SELECT text_id, text, vector::text AS vector, vector_dim, metadata::text AS metadata "
                + "FROM embedding_view WHERE project_id = ? ORDER BY text_id", projectId);
    }

    @Test
    void aLaterBatchReplacesAnEarlierOneAndDeletesRemoveRows() {
        long projectId = 501;
        batch(projectId, List.of(record("a", 8, "{\"v\": 1}"), record("b", 8, null)));
        EmbeddingRecord newer = record("a", 8, "{\"v\": 2}");
        batch(projectId, List.of(newer));
        eventStore.publish(new GenericDomainEventMessage<>("Project", ProjectIds.aggregateId(projectId), 0L,
                new EmbeddingDeletedEvent(projectId, "b")));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(projectId).size() == 1
                && "{\"v\": 2}".equals(rows(projectId).get(0).get("metadata")));
        float[] stored = EmbeddingViewProjection.parse((String) rows(projectId).get(0).get("vector"));
        float[] sent = VectorCodec.decode(newer.vector());
        for (int i = 0; i < sent.length; i++) {
            assertThat(stored[i]).isCloseTo(sent[i], org.assertj.core.data.Offset.offset(Math.abs(sent[i]) / 500));
        }
    }

    @Test
    void replayingRebuildsEveryRowIdentically() {
        long projectId = 502;
        for (int b = 0; b < 5; b++) {
            List<EmbeddingRecord> records = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                records.add(record("doc-" + ((b * 40 + i) % 150), 384, "{\"batch\": " + b + "}"));
            }
            batch(projectId, records);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(projectId).size() == 150);
        List<Map<String, Object>> before = rows(projectId);

        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.EMBEDDING_VIEW, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view", Long.class)).isZero();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> rows(projectId).equals(before));
    }
}
