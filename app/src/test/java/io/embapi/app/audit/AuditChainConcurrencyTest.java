package io.embapi.app.audit;

import static io.embapi.app.ProblemAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import io.embapi.app.ProblemAssertions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The chain under concurrent writers (on the shared test database, which no test tampers with): whatever order the
 * writers' transactions commit in, every event in the store ends up in the chain exactly once, at contiguous
 * positions, and the chain verifies. Plus the endpoint's edge: admin only, bad ranges are 422.
 */
class AuditChainConcurrencyTest extends ApiTestSupport {

    private static final int WRITERS = 8;
    private static final int USERS_PER_WRITER = 4;

    @Autowired
    private MeterRegistry meters;

    @Test
    void concurrentWritersLeaveNoEventUnchainedOrChainedTwice() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    int created = 0;
                    for (int i = 0; i < USERS_PER_WRITER; i++) {
                        User user = newUser("conc");
                        Response project = call("PUT", "/v1/projects/" + user.handle() + "/prj", user.key(),
                                "{\"project_handle\":\"prj\",\"public_read\":" + (i % 2 == 0) + "}");
                        assertThat(project.status()).as(project.body()).isEqualTo(201);
                        Response patched = send("PATCH", "/v1/projects/" + user.handle() + "/prj", user.key(),
                                "{\"description\":\"changed\"}", ProblemAssertions.MERGE_PATCH);
                        assertThat(patched.status()).as(patched.body()).isEqualTo(201);
                        created++;
                    }
                    return created;
                }));
            }
            start.countDown();
            for (Future<Integer> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertThat(events - before).isGreaterThanOrEqualTo(WRITERS * USERS_PER_WRITER * 3L);

        await().atMost(Duration.ofSeconds(30)).until(() -> unchained() == 0);
        Map<String, Object> chain = jdbc.queryForMap("SELECT count(*) AS entries, count(DISTINCT global_index) AS "
                + "events, min(chain_seq) AS first, max(chain_seq) AS last FROM event_chain");
        assertThat(chain.get("entries")).isEqualTo(events);
        assertThat(chain.get("events")).isEqualTo(events);
        assertThat(chain.get("first")).isEqualTo(1L);
        assertThat(chain.get("last")).isEqualTo(events);

        JsonNode report = verify("");
        assertThat(report.get("intact").booleanValue()).as(report.toString()).isTrue();
        assertThat(report.get("verified").longValue()).isEqualTo(events);
        assertThat(report.get("pending").longValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("embapi.audit.chain.lag").gauge().value() == 0);
    }

    @Test
    void onlyTheAdminMayVerifyAndRangesAreChecked() {
        User user = newUser("nosy");
        assertUnauthorized(call("GET", "/v1/admin/audit/verify", null, null));
        assertUnauthorized(call("GET", "/v1/admin/audit/verify", user.key(), null));

        Response zero = call("GET", "/v1/admin/audit/verify?from=0", ADMIN_KEY, null);
        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.json().get("errors").get(0).get("location").stringValue()).isEqualTo("query.from");
        Response backwards = call("GET", "/v1/admin/audit/verify?from=5&to=4", ADMIN_KEY, null);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("errors").get(0).get("location").stringValue()).isEqualTo("query.to");
        Response text = call("GET", "/v1/admin/audit/verify?from=abc", ADMIN_KEY, null);
        assertThat(text.status()).isEqualTo(422);
        ProblemAssertions.assertNothingInternal(text);

        JsonNode beyond = verify("?from=100000000");
        assertThat(beyond.get("intact").booleanValue()).isTrue();
        assertThat(beyond.get("verified").longValue()).isZero();
    }

    private long unchained() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry d WHERE NOT EXISTS "
                + "(SELECT 1 FROM event_chain c WHERE c.global_index = d.globalindex)", Long.class);
    }

    private JsonNode verify(String query) {
        Response response = call("GET", "/v1/admin/audit/verify" + query, ADMIN_KEY, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
