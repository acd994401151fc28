package io.embapi.app.similar;

import static io.embapi.app.ProblemAssertions.assertValidationError;
import static io.embapi.app.similar.SimilarEndpointsTest.encoded;
import static io.embapi.app.similar.SimilarEndpointsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import io.embapi.query.similar.SearchIndexes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Metadata filters and the HNSW plans on a project large enough for an index (the tests run with hnsw-min-rows 200
 * and exact-max-rows 50): filters that would starve a naive post-filtered HNSW query still fill their page, selective
 * ones are answered exactly, and every answer is checked against an exact scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimilarFilterAndIndexTest extends ApiTestSupport {

    private static final int ROWS = 1000;
    private static final int DIMENSIONS = 16;

    @Autowired
    private SearchIndexes indexes;

    @Autowired
    private MeterRegistry meters;

    private String owner;
    private String key;
    private long projectId;
    private final List<float[]> queries = new ArrayList<>();

    @BeforeAll
    void largeProject() {
        owner = unique("flt");
        key = createUser(owner);
        String path = projectWithInstance(owner, key, "big", DIMENSIONS);
        ClusteredVectors vectors = new ClusteredVectors(42, DIMENSIONS, 20);
        for (int start = 0; start < ROWS; start += 500) {
            assertThat(call("POST", path, key, vectors.batch("d", start, 500, SimilarFilterAndIndexTest::metadata))
                    .status()).isEqualTo(201);
        }
        for (int i = 0; i < 20; i++) {
            queries.add(vectors.next());
        }
        projectId = jdbc.queryForObject("SELECT project_id FROM project_view WHERE owner = ? AND project_handle = "
                + "'big'", Long.class, owner);
        indexes.reconcile();
        assertThat(indexes.valid()).contains(new SearchIndexes.Key(projectId, DIMENSIONS));
    }

    /** cat: p1 for 1 % of the rows, p10 for 10 %; src.lang de/en; draft on every 7th. */
    private static String metadata(int i) {
        String cat = i % 100 == 0 ? "p1" : i % 10 == 1 ? "p10" : "rest";
        return "{\"cat\":\"" + cat + "\",\"seq\":" + i + ",\"src\":{\"lang\":\"" + (i % 3 == 0 ? "de" : "en")
                + "\"}" + (i % 7 == 0 ? ",\"draft\":true" : "") + "}";
    }

    private Response search(float[] query, String filter, String parameters) {
        return call("POST", "/v1/similars/" + owner + "/big?threshold=0" + parameters, key,
                "{\"vector\":" + ClusteredVectors.json(query) + (filter == null ? "" : ",\"filter\":" + filter) + "}");
    }

    /** The exact top-k with similarity >= 0 (the tests' threshold) by a full scan, restricted by {@code condition}. */
    private List<String> exact(float[] query, String condition, int k) {
        String vector = ClusteredVectors.json(query);
        return jdbc.queryForList("SELECT text_id FROM embedding_view WHERE project_id = ? AND " + condition
                + " AND 1 - (vector <=> ?::halfvec) >= 0 ORDER BY vector <=> ?::halfvec, text_id LIMIT ?",
                String.class, projectId, vector, vector, k);
    }

    private static double overlap(List<String> found, List<String> expected) {
        Set<String> common = new HashSet<>(found);
        common.retainAll(expected);
        return (double) common.size() / expected.size();
    }

    private long planCount(String plan) {
        Timer timer = meters.find("embapi.search").tags("endpoint", "by-vector", "plan", plan).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void anUnfilteredSearchUsesTheIndexWithHighRecall() {
        long before = planCount("hnsw");
        double recall = 0;
        for (float[] query : queries) {
            List<String> found = ids(search(query, null, ""));
            assertThat(found).hasSize(10);
            recall += overlap(found, exact(query, "true", 10));
        }
        assertThat(recall / queries.size()).isGreaterThanOrEqualTo(0.95);
        assertThat(planCount("hnsw") - before).isEqualTo(queries.size());
    }

    @Test
    void theRecallRelevantSettingsAreMetrics() {
        assertThat(meters.get("embapi.search.setting").tag("name", "ef_search").gauge().value()).isEqualTo(200);
        assertThat(meters.get("embapi.search.setting").tag("name", "exact_max_rows").gauge().value()).isEqualTo(50);
        assertThat(meters.get("embapi.search.setting").tag("name", "hnsw_min_rows").gauge().value()).isEqualTo(200);
    }

    @Test
    void aSelectiveFilterIsAnsweredExactly() {
        long before = planCount("exact-filtered");
        for (float[] query : queries) {
            List<String> found = ids(search(query, "{\"must\":[{\"key\":\"cat\",\"equals\":\"p1\"}]}", ""));
            assertThat(found).isEqualTo(exact(query, "metadata @> '{\"cat\":\"p1\"}'", 10));
        }
        assertThat(planCount("exact-filtered") - before).isEqualTo(queries.size());
    }

    @Test
    void aFilterThatStarvesANaiveIndexScanStillFillsItsPage() {
        // A naive HNSW query (no iterative scan) that filters afterwards loses most of a 10 % class (on the
        // project's one sealed segment, whose partial index needs its position range in the query, ADR 0018):
        String segment = jdbc.queryForObject("SELECT indexname FROM pg_indexes WHERE indexname LIKE ?", String.class,
                "embedding_view_hnsw_p" + projectId + "_d" + DIMENSIONS + "_s%");
        String[] range = segment.substring(segment.lastIndexOf("_s") + 2).split("_");
        String inSegment = " AND position BETWEEN " + Long.parseLong(range[0]) + " AND " + Long.parseLong(range[1]);
        List<Integer> naive = new ArrayList<>();
        for (float[] query : queries.subList(0, 5)) {
            naive.add(jdbc.execute((java.sql.Connection c) -> {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    s.execute("SET LOCAL hnsw.iterative_scan = off; SET LOCAL hnsw.ef_search = 10; "
                            + "SET LOCAL enable_sort = off");
                }
                try (var p = c.prepareStatement("SELECT count(*) FROM (SELECT text_id FROM embedding_view WHERE "
                        + "project_id = ? AND vector_dim = 16 AND metadata @> '{\"cat\":\"p10\"}'" + inSegment
                        + " ORDER BY "
                        + "vector::halfvec(16) <=> ?::halfvec(16) LIMIT 10) r")) {
                    p.setLong(1, projectId);
                    p.setString(2, ClusteredVectors.json(query));
                    try (var rows = p.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    } finally {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                }
            }));
        }
        assertThat(naive).as("rows a naive filtered HNSW query returns").allMatch(n -> n < 10);

        long before = planCount("hnsw-filtered");
        double recall = 0;
        for (float[] query : queries) {
            List<String> found = ids(search(query, "{\"must\":[{\"key\":\"cat\",\"equals\":\"p10\"}]}", ""));
            assertThat(found).hasSize(10);
            List<String> expected = exact(query, "metadata @> '{\"cat\":\"p10\"}'", 10);
            recall += overlap(found, expected);
        }
        assertThat(recall / queries.size()).isGreaterThanOrEqualTo(0.9);
        assertThat(planCount("hnsw-filtered") - before).isEqualTo(queries.size());
    }

    @Test
    void nestedKeysSetMembershipExistenceAndExclusionsCombine() {
        float[] query = queries.get(0);
        String filter = "{\"must\":[{\"key\":\"/src/lang\",\"equals\":\"de\"},{\"key\":\"cat\",\"in\":[\"p1\","
                + "\"p10\"]}],\"must_not\":[{\"key\":\"draft\",\"exists\":true}]}";
        assertThat(ids(search(query, filter, "&limit=50&count=50"))).isEqualTo(exact(query, "metadata -> 'src' ->> 'lang' = "
                + "'de' AND metadata ->> 'cat' IN ('p1', 'p10') AND NOT metadata ?? 'draft'", 50));
        String dotted = "{\"must\":[{\"key\":\"src.lang\",\"in\":[\"en\"]},{\"key\":\"draft\",\"exists\":true}],"
                + "\"must_not\":[{\"key\":\"cat\",\"equals\":\"rest\"}]}";
        assertThat(ids(search(query, dotted, "&limit=50&count=50"))).isEqualTo(exact(query, "metadata -> 'src' ->> 'lang' = "
                + "'en' AND metadata ?? 'draft' AND metadata ->> 'cat' <> 'rest'", 50));
        String numbers = "{\"must\":[{\"key\":\"seq\",\"in\":[5,10.0,700]},{\"key\":\"/src\",\"exists\":true}]}";
        assertThat(ids(search(queryOf("d5"), numbers, ""))).startsWith("d5")
                .isEqualTo(exact(queryOf("d5"), "metadata ->> 'seq' IN ('5', '10', '700')", 10));
        assertThat(ids(search(queryOf("d999"), "{\"must\":[{\"key\":\"src.lang.x\",\"exists\":false},"
                + "{\"key\":\"seq\",\"equals\":999}]}", ""))).containsExactly("d999");
        // The same filter in the query string of a GET, together with the reference's exclusion.
        Response get = call("GET", "/v1/similars/" + owner + "/big/d0?threshold=0&limit=50&count=50&filter="
                + encoded("{\"must\":[{\"key\":\"cat\",\"equals\":\"p1\"}]}")
                + "&metadata_path=seq&metadata_value=200", key, null);
        assertThat(ids(get)).isEqualTo(exact(queryOf("d0"), "metadata ->> 'cat' = 'p1' AND text_id NOT IN ('d0', "
                + "'d200')", 50));
    }

    private float[] queryOf(String textId) {
        String text = jdbc.queryForObject("SELECT vector::text FROM embedding_view WHERE project_id = ? AND text_id = ?",
                String.class, projectId, textId);
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }

    @Test
    void keysAndValuesNeverReachTheSqlText() {
        float[] query = queries.get(0);
        String hostile = "x'); DROP TABLE embedding_view; --";
        for (String filter : List.of(
                "{\"must\":[{\"key\":" + quoted(hostile) + ",\"equals\":" + quoted(hostile) + "}]}",
                "{\"must_not\":[{\"key\":\"/a'b/c?d\",\"exists\":true}]}",
                "{\"must\":[{\"key\":\"cat\",\"in\":[" + quoted(hostile) + ",\"p1\"]}]}")) {
            Response response = search(query, filter, "");
            assertThat(response.status()).as(filter).isIn(200, 404);
        }
        assertThat(call("POST", "/v1/similars/" + owner + "/big?threshold=0&metadata_path=" + encoded(hostile)
                + "&metadata_value=" + encoded(hostile), key, "{\"vector\":" + ClusteredVectors.json(query) + "}")
                .status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isEqualTo(ROWS);
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    @Test
    void badFiltersAreValidationErrors() {
        float[] query = queries.get(0);
        assertValidationError(search(query, "[]", ""), "expected object", "body.filter");
        assertValidationError(search(query, "{\"should\":[]}", ""), "unexpected property", "body.filter.should");
        assertValidationError(search(query, "{\"must\":{}}", ""), "expected array", "body.filter.must");
        assertValidationError(search(query, "{\"must\":[{\"equals\":1}]}", ""),
                "expected required property key to be present", "body.filter.must[0].key");
        assertValidationError(search(query, "{\"must\":[{\"key\":\"a\"}]}", ""),
                "expected exactly one of equals, in, exists", "body.filter.must[0]");
        assertValidationError(search(query, "{\"must\":[{\"key\":\"a\",\"equals\":1,\"exists\":true}]}", ""),
                "expected exactly one of equals, in, exists", "body.filter.must[0]");
        assertValidationError(search(query, "{\"must_not\":[{\"key\":\"a\",\"equals\":{\"b\":1}}]}", ""),
                "expected string, number or boolean", "body.filter.must_not[0].equals");
        assertValidationError(search(query, "{\"must\":[{\"key\":\"a\",\"in\":[]}]}", ""),
                "expected array of 1..100 values", "body.filter.must[0].in");
        assertValidationError(search(query, "{\"must\":[{\"key\":\"a..b\",\"equals\":1}]}", ""),
                "expected a JSON pointer (/a/b) or a dotted path (a.b) of 1..16 non-empty member names",
                "body.filter.must[0].key");
        assertValidationError(search(query, "{\"must\":[{\"key\":\"a\",\"exists\":\"yes\"}]}", ""),
                "expected boolean", "body.filter.must[0].exists");
        assertValidationError(call("GET", "/v1/similars/" + owner + "/big/d0?filter=" + encoded("{not json"), key,
                null), "expected a JSON object: Unexpected character ('n' (code 110)): was expecting double-quote to "
                + "start property name", "query.filter");
        assertValidationError(call("POST", "/v1/similars/" + owner + "/big?filter=" + encoded("{}"), key,
                "{\"vector\":" + ClusteredVectors.json(query) + ",\"filter\":{}}"),
                "expected the filter either in the query or in the body", "query.filter");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theIndexGoesWhenTheProjectEmptiesAndSearchesStayCorrect() {
        // One sealed segment (ADR 0018): the project's rows were loaded before the first check.
        String prefix = "embedding_view_hnsw_p" + projectId + "_d" + DIMENSIONS + "_s";
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname LIKE ?", Long.class,
                prefix + "%")).isEqualTo(1);
        String name = jdbc.queryForObject("SELECT indexname FROM pg_indexes WHERE indexname LIKE ?", String.class,
                prefix + "%");
        assertThat(call("GET", "/v1/admin/search-indexes", ADMIN_KEY, null).body()).contains("\"" + name + "\"");
        assertThat(call("GET", "/v1/admin/search-indexes", key, null).status()).isEqualTo(401);
        assertThat(call("POST", "/v1/admin/search-indexes/reconcile", key, null).status()).isEqualTo(401);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/big", key, null).status()).isEqualTo(204);
        // Until the next check the index is still listed; searches are correct either way.
        assertThat(search(queries.get(0), null, "").status()).isEqualTo(404);
        Response reconciled = call("POST", "/v1/admin/search-indexes/reconcile", ADMIN_KEY, null);
        assertThat(reconciled.status()).isEqualTo(200);
        assertThat(reconciled.json().get("dropped").toString()).contains("\"" + name + "\"");
        assertThat(indexes.valid()).doesNotContain(new SearchIndexes.Key(projectId, DIMENSIONS));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname LIKE ?", Long.class,
                prefix + "%")).isZero();
    }
}
