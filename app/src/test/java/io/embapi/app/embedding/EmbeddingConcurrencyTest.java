package io.embapi.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sixteen writers at once on one project: no lost metadata update, no duplicate, read model equal to the lookup. */
class EmbeddingConcurrencyTest extends ApiTestSupport {

    private static final int WRITERS = 16;

    @Test
    void concurrentBatchesOnTheSameAndOnDifferentIdsLoseNothing() throws Exception {
        String owner = unique("conc");
        String key = createUser(owner);
        String path = projectWithInstance(owner, key, "shared", 4);

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Callable<Integer> upload = () -> {
                StringBuilder items = new StringBuilder("{\"text_id\":\"common\",\"instance_handle\":\"embedding1\","
                        + "\"vector\":[1,2,3," + writer + "],\"vector_dim\":4,\"metadata\":{\"k" + writer + "\":true}}");
                for (int i = 0; i < 10; i++) {
                    items.append(",{\"text_id\":\"w").append(writer).append("-").append(i)
                            .append("\",\"instance_handle\":\"embedding1\",\"vector\":[0,1,0,").append(i)
                            .append("],\"vector_dim\":4}");
                }
                return call("POST", path, key, "{\"embeddings\":[" + items + "]}").status();
            };
            results.add(pool.submit(upload));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(201);
        }

        JsonNode common = call("GET", path + "/common", key, null).json();
        for (int w = 0; w < WRITERS; w++) {
            assertThat(common.get("metadata").has("k" + w)).as("metadata key of writer %d", w).isTrue();
        }
        long projectId = common.get("project_id").longValue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isEqualTo(1 + WRITERS * 10L);
        assertThat(jdbc.queryForList("SELECT text_id || metadata::text FROM embedding_view WHERE project_id = ? "
                + "ORDER BY text_id", String.class, projectId)).isEqualTo(jdbc.queryForList(
                "SELECT text_id || metadata::text FROM embedding_registry WHERE project_id = ? ORDER BY text_id",
                String.class, projectId));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = "
                + "'io.embapi.shared.embedding.EmbeddingsUpsertedEvent' AND convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%\"projectId\":" + projectId + ",%")).isEqualTo(WRITERS);
    }

    /**
     * An upload that holds the write-order locks of an id (as one does between taking its global index and its
     * commit) keeps a deletion of that id, and a delete-all, waiting until it commits: the deletion's event then
     * comes after the upload's in the event store as well, so live projections and replays agree.
     */
    @Test
    void deletionsWaitForAnUploadOfTheSameIdsInFlight() throws Exception {
        String owner = unique("order");
        String key = createUser(owner);
        String path = projectWithInstance(owner, key, "ordered", 4);
        assertThat(call("POST", path, key, "{\"embeddings\":[{\"text_id\":\"a\",\"instance_handle\":\"embedding1\","
                + "\"vector\":[1,2,3,4],\"vector_dim\":4},{\"text_id\":\"b\",\"instance_handle\":\"embedding1\","
                + "\"vector\":[1,2,3,4],\"vector_dim\":4}]}").status()).isEqualTo(201);
        long projectId = call("GET", path + "/a", key, null).json().get("project_id").longValue();

        for (String deletion : List.of(path + "/a", path)) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (java.sql.Connection upload = jdbc.getDataSource().getConnection()) {
                upload.setAutoCommit(false);
                try (var locks = upload.prepareStatement("SELECT pg_advisory_xact_lock_shared(hashtextextended("
                        + "'project/' || ?::text, 0)), pg_advisory_xact_lock(hashtextextended(?::text || '/a', 0))")) {
                    locks.setLong(1, projectId);
                    locks.setLong(2, projectId);
                    locks.execute();
                }
                Future<Integer> deleted = pool.submit(() -> call("DELETE", deletion, key, null).status());
                Thread.sleep(700);
                assertThat(deleted.isDone()).as("%s waits for the upload in flight", deletion).isFalse();
                upload.rollback();
                assertThat(deleted.get(10, TimeUnit.SECONDS)).isEqualTo(204);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isZero();
    }
}
