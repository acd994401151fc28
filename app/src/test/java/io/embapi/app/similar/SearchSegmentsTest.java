package io.embapi.app.similar;

import static io.embapi.app.similar.SimilarEndpointsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import io.embapi.query.similar.Segment;
import io.embapi.query.similar.SearchIndexes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Segmented HNSW ingestion (ADR 0018; the tests run with hnsw-min-rows 200, so a tail of 200 rows is sealed): new
 * rows land in an unsealed tail that searches compare exactly, the sealer turns it into bulk-built segments and
 * merges them, and every answer — across segments and tail, after deletes and updates of sealed rows, during a seal
 * with uploads going on — equals a brute-force scan of the same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchSegmentsTest extends ApiTestSupport {

    private static final int DIMENSIONS = 16;

    @Autowired
    private SearchIndexes indexes;

    @Autowired
    private MeterRegistry meters;

    private String owner;
    private String key;
    private String path;
    private long projectId;
    private int uploaded;
    private final ClusteredVectors vectors = new ClusteredVectors(7, DIMENSIONS, 12);
    private final List<float[]> queries = new ArrayList<>();

    @BeforeAll
    void project() {
        owner = unique("seg");
        key = createUser(owner);
        path = projectWithInstance(owner, key, "seg", DIMENSIONS);
        projectId = jdbc.queryForObject("SELECT project_id FROM project_view WHERE owner = ? AND project_handle = "
                + "'seg'", Long.class, owner);
        for (int i = 0; i < 15; i++) {
            queries.add(vectors.next());
        }
    }

    private void upload(int count) {
        for (int done = 0; done < count; done += 100) {
            int n = Math.min(100, count - done);
            assertThat(call("POST", path, key, vectors.batch("s", uploaded, n, i -> "{\"n\":" + i + "}")).status())
                    .isEqualTo(201);
            uploaded += n;
        }
    }

    private List<String> search(String vector) {
        return ids(call("POST", "/v1/similars/" + owner + "/seg?threshold=0&limit=10", key,
                "{\"vector\":" + vector + "}"));
    }

    /** The top 10 with similarity >= 0 (the searches' threshold) by a full scan of the project's rows. */
    private List<String> bruteForce(String vector) {
        return jdbc.queryForList("SELECT text_id FROM embedding_view WHERE project_id = ? AND 1 - (vector <=> "
                + "?::halfvec) >= 0 ORDER BY vector <=> ?::halfvec, text_id LIMIT 10", String.class, projectId, vector,
                vector);
    }

    private void searchesEqualBruteForce() {
        long before = planCount();
        for (float[] query : queries) {
            String vector = ClusteredVectors.json(query);
            assertThat(search(vector)).isEqualTo(bruteForce(vector));
        }
        assertThat(planCount() - before).as("searches through the segments").isEqualTo(queries.size());
    }

    private long planCount() {
        Timer timer = meters.find("embapi.search").tags("endpoint", "by-vector", "plan", "hnsw").timer();
        return timer == null ? 0 : timer.count();
    }

    /** The project's segment indexes, by position. */
    private List<Segment> segments() {
        return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE indexname LIKE ?", String.class,
                        "embedding_view_hnsw_p" + projectId + "_d" + DIMENSIONS + "_s%").stream()
                .map(name -> name.substring(name.indexOf("_s") + 2).split("_"))
                .map(range -> new Segment(projectId, DIMENSIONS, Long.parseLong(range[0]), Long.parseLong(range[1])))
                .sorted(java.util.Comparator.comparingLong(Segment::from)).toList();
    }

    private long indexBytes(Segment segment) {
        return jdbc.queryForObject("SELECT pg_relation_size(?::regclass)", Long.class, segment.indexName());
    }

    private String storedVector(String textId) {
        return jdbc.queryForObject("SELECT vector::text FROM embedding_view WHERE project_id = ? AND text_id = ?",
                String.class, projectId, textId);
    }

    @Test
    @Order(1)
    void aSealedSegmentIsNotTouchedByLaterUploadsWhichAreSearchableAtOnce() {
        upload(400);
        SearchIndexes.Outcome sealed = indexes.reconcile();
        assertThat(sealed.built()).contains(new SearchIndexes.Key(projectId, DIMENSIONS));
        assertThat(segments()).hasSize(1);
        Segment segment = segments().get(0);
        long bytes = indexBytes(segment);

        upload(150);
        // Read-your-writes: an acknowledged upload is found at once, through the exact tail.
        assertThat(search(storedVector("s" + (uploaded - 1)))).first().isEqualTo("s" + (uploaded - 1));
        assertThat(indexes.reconcile().segmentsBuilt()).as("150 rows stay in the tail").isEmpty();
        assertThat(segments()).containsExactly(segment);
        assertThat(indexBytes(segment)).as("the tail's rows never entered the HNSW graph").isEqualTo(bytes);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ? AND position > ?",
                Long.class, projectId, segment.to())).isEqualTo(150);
        searchesEqualBruteForce();
    }

    @Test
    @Order(2)
    void segmentsAreMergedSoThatAProjectKeepsFewAndSearchesSpanThemAndTheTail() {
        upload(100); // tail 250 -> a second segment: 400 > 250, no merge
        indexes.reconcile();
        assertThat(segments()).hasSize(2);
        upload(200); // 400, 250, 200
        indexes.reconcile();
        assertThat(segments()).hasSize(3);
        upload(70);
        searchesEqualBruteForce(); // three segments and a tail of 70
        upload(180); // tail 250: 200 <= 250, then 250 <= 450, then 400 <= 700: one build over all of them
        SearchIndexes.Outcome merged = indexes.reconcile();
        assertThat(merged.segmentsBuilt()).hasSize(1);
        assertThat(merged.segmentsDropped()).hasSize(3);
        assertThat(segments()).hasSize(1);
        assertThat(segments().get(0).from()).isZero();
        searchesEqualBruteForce();

        JsonNode listed = call("GET", "/v1/admin/search-indexes", ADMIN_KEY, null).json();
        JsonNode mine = null;
        for (JsonNode index : listed.get("indexes")) {
            if (index.get("project_id").asLong() == projectId) {
                mine = index;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("name").stringValue()).isEqualTo(segments().get(0).indexName());
        assertThat(mine.get("rows").asLong()).isEqualTo(uploaded);
        for (JsonNode project : listed.get("projects")) {
            if (project.get("project_id").asLong() == projectId) {
                assertThat(project.get("segments").asInt()).isEqualTo(1);
                assertThat(project.get("unsealed_rows").asLong()).isZero();
            }
        }
    }

    @Test
    @Order(3)
    void deletesAndUpdatesOfSealedRowsAreSeenAtOnceAndSealedAgain() {
        Segment segment = segments().get(0);
        String query = ClusteredVectors.json(queries.get(0));
        List<String> nearest = bruteForce(query);
        for (String textId : nearest.subList(0, 3)) {
            assertThat(call("DELETE", path + "/" + textId, key, null).status()).isEqualTo(204);
        }
        assertThat(search(query)).doesNotContainAnyElementsOf(nearest.subList(0, 3)).isEqualTo(bruteForce(query));

        // An update of a sealed row moves it to the tail; the segment's old entry no longer answers for it.
        String moved = nearest.get(5);
        String far = ClusteredVectors.json(queries.get(1));
        assertThat(call("POST", path, key, "{\"embeddings\":[{\"text_id\":\"" + moved + "\",\"instance_handle\":"
                + "\"embedding1\",\"vector\":" + far + ",\"vector_dim\":" + DIMENSIONS + "}]}").status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT position FROM embedding_view WHERE project_id = ? AND text_id = ?",
                Long.class, projectId, moved)).isGreaterThan(segment.to());
        assertThat(search(far)).first().isEqualTo(moved);
        assertThat(search(query)).doesNotContain(moved).isEqualTo(bruteForce(query));
        searchesEqualBruteForce();

        // Re-uploading most rows leaves the segment mostly dead entries; the next seal replaces it.
        int rows = uploaded;
        uploaded = 0;
        upload(rows * 3 / 5);
        uploaded = rows;
        SearchIndexes.Outcome resealed = indexes.reconcile();
        assertThat(resealed.segmentsDropped()).contains(segment);
        searchesEqualBruteForce();
    }

    @Test
    @Order(4)
    void uploadsDuringSealingAreAcknowledgedSearchableAndSealedLater() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<String> misses = new CopyOnWriteArrayList<>();
        int start = uploaded;
        long rowsBefore = jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int b = 0; b < 12; b++) {
                    upload(100);
                    String last = "s" + (uploaded - 1);
                    List<String> found = search(storedVector(last));
                    if (found.isEmpty() || !found.get(0).equals(last)) {
                        misses.add(last + " -> " + found);
                    }
                }
            } finally {
                done.set(true);
            }
        });
        int seals = 0;
        while (!done.get()) {
            seals += indexes.reconcile().segmentsBuilt().size();
        }
        writer.get(2, TimeUnit.MINUTES);
        assertThat(misses).as("acknowledged uploads not found first by their own vector").isEmpty();
        assertThat(seals).as("seals ran while the uploads went on").isPositive();
        indexes.reconcile();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isEqualTo(rowsBefore + 1200);
        assertThat(uploaded - start).isEqualTo(1200);
        searchesEqualBruteForce();
        Segment newest = segments().get(segments().size() - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ? AND position > ?",
                Long.class, projectId, newest.to())).isLessThan(200);
    }
}
