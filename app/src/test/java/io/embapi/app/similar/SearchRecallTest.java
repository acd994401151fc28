package io.embapi.app.similar;

import static io.embapi.app.similar.SimilarEndpointsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import io.embapi.query.similar.SearchIndexes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recall of the HNSW plan at the default search settings (ef_search 100, m 16, ef_construction 64) on a clustered
 * data set, through the API, against an exact scan of the same rows.
 */
class SearchRecallTest extends ApiTestSupport {

    private static final int ROWS = 6000;
    private static final int DIMENSIONS = 96;
    private static final int QUERIES = 100;

    @Autowired
    private SearchIndexes indexes;

    @Autowired
    private MeterRegistry meters;

    private long hnswSearches() {
        Timer timer = meters.find("embapi.search").tags("endpoint", "by-vector", "plan", "hnsw").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void recallAtTenIsAtLeastNinetyFivePercent() {
        String owner = unique("rcl");
        String key = createUser(owner);
        String path = projectWithInstance(owner, key, "recall", DIMENSIONS);
        ClusteredVectors vectors = new ClusteredVectors(4242, DIMENSIONS, 100);
        for (int start = 0; start < ROWS; start += 1000) {
            assertThat(call("POST", path, key, vectors.batch("r", start, 1000, i -> null)).status()).isEqualTo(201);
        }
        long projectId = jdbc.queryForObject("SELECT project_id FROM project_view WHERE owner = ? AND "
                + "project_handle = 'recall'", Long.class, owner);
        indexes.reconcile();
        assertThat(indexes.valid()).contains(new SearchIndexes.Key(projectId, DIMENSIONS));

        long before = hnswSearches();
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            String query = ClusteredVectors.json(vectors.next());
            List<String> found = ids(call("POST", "/v1/similars/" + owner + "/recall?threshold=0", key,
                    "{\"vector\":" + query + "}"));
            List<String> exact = jdbc.queryForList("SELECT text_id FROM embedding_view WHERE project_id = ? "
                    + "ORDER BY vector <=> ?::halfvec LIMIT 10", String.class, projectId, query);
            Set<String> common = new HashSet<>(found);
            common.retainAll(exact);
            recall += common.size() / 10.0;
        }
        recall /= QUERIES;
        assertThat(hnswSearches() - before).as("answered from the HNSW index").isEqualTo(QUERIES);
        assertThat(recall).as("recall@10 over %d queries", QUERIES).isGreaterThanOrEqualTo(0.95);
        System.out.printf("recall@10 at default settings, %d x %d-d clustered: %.4f%n", ROWS, DIMENSIONS, recall);
    }
}
