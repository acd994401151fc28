package io.embapi.query.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.testing.TestDatabase;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.query.QuerySideTestApplication;
import io.embapi.query.similar.SimilarityQueries.Hit;
import io.embapi.query.similar.SimilarityQueries.Search;
import io.embapi.shared.embedding.EmbeddingBatchIds;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.vector.VectorCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild of the embedding view drops the HNSW indexes, replays the rows without them, builds them in bulk
 * afterwards, and answers every search exactly as before.
 */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = {
        "embapi.admin-key=search-rebuild-test-admin-key-Fz4Kp7Wn2Rb9",
        "embapi.encryption-key=search-rebuild-test-encryption-key-Ys6Gm1Vx8",
        "embapi.search.hnsw-min-rows=100",
        "embapi.search.exact-max-rows=20",
        "embapi.search.index-check-interval=1h"})
class SearchRebuildTest {

    private static final long PROJECT = 601;
    private static final int DIMENSIONS = 32;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private QueryGateway queries;
    @Autowired
    private SearchIndexes indexes;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private static String text(float[] vector) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    private List<List<Hit>> searches(List<float[]> vectors) {
        List<List<Hit>> results = new ArrayList<>();
        for (float[] vector : vectors) {
            for (MetadataFilter filter : List.of(MetadataFilter.none(), MetadataFilter.parse(
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                            "{\"must\":[{\"key\":\"even\",\"equals\":true}]}"), "body.filter"))) {
                results.add(queries.query(new Search(PROJECT, DIMENSIONS, text(vector), null, filter, 10, 0, 0,
                        "test"), ResponseTypes.multipleInstancesOf(Hit.class)).join());
            }
        }
        return results;
    }

    private long rows() {
        return jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class, PROJECT);
    }

    private long hnswIndexes() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname LIKE ?", Long.class,
                "embedding_view_hnsw_p" + PROJECT + "_d" + DIMENSIONS + "_s%");
    }

    @Test
    void aRebuildDropsTheIndexReplaysAndIndexesInBulkWithIdenticalResults() {
        Random random = new Random(11);
        for (int b = 0; b < 4; b++) {
            List<EmbeddingRecord> records = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                float[] vector = new float[DIMENSIONS];
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] = (float) random.nextGaussian();
                }
                int n = b * 100 + i;
                records.add(new EmbeddingRecord("doc-" + n, "", DIMENSIONS, VectorCodec.encode(vector),
                        "{\"even\": " + (n % 2 == 0) + "}"));
            }
            eventStore.publish(new GenericDomainEventMessage<>("EmbeddingBatch",
                    EmbeddingBatchIds.streamId(UUID.randomUUID().toString()), 0L,
                    new EmbeddingsUpsertedEvent(PROJECT, records)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 400);
        assertThat(indexes.reconcile().built()).contains(new SearchIndexes.Key(PROJECT, DIMENSIONS));
        assertThat(indexes.has(PROJECT, DIMENSIONS)).isTrue();
        List<float[]> vectors = new ArrayList<>();
        for (int q = 0; q < 10; q++) {
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        List<List<Hit>> before = searches(vectors);
        assertThat(before).allMatch(hits -> hits.size() == 10);

        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.EMBEDDING_VIEW, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(hnswIndexes()).as("the reset drops the index").isZero();
        assertThat(indexes.has(PROJECT, DIMENSIONS)).isFalse();
        assertThat(indexes.reconcile().skipped()).as("no index is built while the view replays").isTrue();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> rows() == 400 && !processor.isReplaying());
        assertThat(hnswIndexes()).isZero();

        assertThat(indexes.reconcile().built()).contains(new SearchIndexes.Key(PROJECT, DIMENSIONS));
        assertThat(hnswIndexes()).isEqualTo(1);
        assertThat(searches(vectors)).isEqualTo(before);
    }
}
