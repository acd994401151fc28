package io.embapi.app.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code embapi.search.replica.url} (ADR 0021): the search pool connects where it names, only searches use it. There is no streaming replica in tests, so the "replica" is the test database itself under
 * its own {@code ApplicationName}; {@code pg_stat_activity} then tells which pool ran which statement. (ops/test's
 * {@code TEST_JDBC_URL} carries no URL parameters, so appending {@code ?ApplicationName=} is valid.)
 */
@TestPropertySource(properties = "embapi.search.replica.url=${spring.datasource.url}?ApplicationName="
        + SearchReplicaTest.REPLICA_NAME)
class SearchReplicaTest extends ApiTestSupport {

    static final String REPLICA_NAME = "embapi-search-replica";

    @Test
    void searchesRunOnTheReplicaPoolAndLookupsOnThePrimary() {
        User user = newUser("replica");
        String embeddings = projectWithInstance(user.handle(), user.key(), "rproj", 3);
        String project = embeddings.substring("/v1/embeddings/".length());
        Response upload = call("POST", embeddings, user.key(), "{\"embeddings\":["
                + "{\"text_id\":\"a\",\"instance_handle\":\"embedding1\",\"vector\":[1,0,0],\"vector_dim\":3},"
                + "{\"text_id\":\"b\",\"instance_handle\":\"embedding1\",\"vector\":[0.9,0.1,0],\"vector_dim\":3}]}");
        assertThat(upload.status()).isEqualTo(201);

        // The replica is the primary here, so the write is visible at once; on a real replica it may lag (ADR 0021).
        Response search = call("GET", "/v1/similars/" + project + "/a", user.key(), null);
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(SimilarEndpointsTest.ids(search)).containsExactly("b");

        // Each backend shows its last statement: the nearest-neighbour statement (the only one with <=>) ran on a
        // replica-pool session. (The lookup before it ran on the application's pool, whose sessions go on to run
        // the projections' statements, so their last statement proves nothing; ADR 0021 names the split.)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> sessions = jdbc.queryForList("SELECT application_name, query "
                    + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            assertThat(sessions).as(sessions.toString()).filteredOn(s -> ((String) s.get("query")).contains("<=>"))
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.get("application_name")).isEqualTo(REPLICA_NAME));
            assertThat(sessions).filteredOn(s -> REPLICA_NAME.equals(s.get("application_name")))
                    .noneSatisfy(s -> assertThat((String) s.get("query")).contains("user_view"));
        });
    }
}
