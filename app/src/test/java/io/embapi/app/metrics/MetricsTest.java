package io.embapi.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service's own metrics, scraped from the management port after real requests: the series exist and move with
 * what happened (ADR 0013).
 */
class MetricsTest extends ApiTestSupport {

    private static final String AUTH = "embapi_auth_failures_total";
    private static final String INGESTED = "embapi_embeddings_ingested_total";
    private static final String LAG = "embapi_processor_lag";
    private static final String VECTOR = "[0.1,0.2,0.3]";

    @Autowired
    private EventProcessingConfiguration processing;

    private PrometheusScrape scrape() {
        Response response = management("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    @Test
    void failedAuthenticationsAreCountedByReason() {
        PrometheusScrape before = scrape();
        assertThat(call("GET", "/v1/users", "not-a-key", null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users", "another-wrong-key", null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users", ADMIN_KEY, null).status()).isEqualTo(200);
        PrometheusScrape after = scrape();
        assertThat(after.value(AUTH, "reason=\"rejected_key\"") - before.value(AUTH, "reason=\"rejected_key\""))
                .isEqualTo(2);
        assertThat(after.value(AUTH, "reason=\"missing_key\"") - before.value(AUTH, "reason=\"missing_key\""))
                .isEqualTo(1);
        // Limits are off in this context: the rejection series exist for every class and stay where they were.
        for (String endpointClass : new String[] {"read", "write", "search", "admin", "ingest", "auth"}) {
            String tag = "class=\"" + endpointClass + "\"";
            assertThat(after.value("embapi_ratelimit_rejected_total", tag))
                    .isEqualTo(before.value("embapi_ratelimit_rejected_total", tag));
        }
    }

    @Test
    void acceptedEmbeddingsAreCountedAndRefusedBatchesAreNot() {
        User owner = newUser("met-ing");
        String path = projectWithInstance(owner.handle(), owner.key(), "prj", 3);
        double before = scrape().value(INGESTED);
        Response stored = call("POST", path, owner.key(), "{\"embeddings\":[" + item("a", VECTOR) + ","
                + item("b", VECTOR) + "," + item("c", VECTOR) + "]}");
        assertThat(stored.status()).isEqualTo(201);
        // Wrong dimensions: the whole batch is refused, nothing is counted.
        Response refused = call("POST", path, owner.key(), "{\"embeddings\":[" + item("d", VECTOR) + ","
                + item("e", "[0.1,0.2]") + "]}");
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(scrape().value(INGESTED) - before).isEqualTo(3);
    }

    private static String item(String id, String vector) {
        return "{\"text_id\":\"" + id + "\",\"instance_handle\":\"embedding1\",\"vector\":" + vector
                + ",\"vector_dim\":" + vector.split(",").length + "}";
    }

    @Test
    void databaseUpAndProcessorGaugesReflectTheDatabase() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertThat(scrape.value("embapi_database_up")).isEqualTo(1);
            assertThat(scrape.has(LAG, "processor=\"user-view\"")).isTrue();
        });
        // The dead-letter gauge is the size of each processor's queue in deadletterentry.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            Long parked = jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = "
                    + "'user-view'", Long.class);
            assertThat(scrape.value("embapi_processor_dead_letters", "processor=\"user-view\""))
                    .isEqualTo(parked.doubleValue());
        });
    }

    @Test
    void processorLagRisesWhileAProcessorIsStoppedAndFallsWhenItCatchesUp() {
        StreamingEventProcessor userView = processing.eventProcessor("user-view", StreamingEventProcessor.class)
                .orElseThrow();
        userView.shutDown();
        try {
            // The write still succeeds; it waits (bounded) for the stopped projection and answers anyway.
            createUser(unique("met-lag"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(scrape().value(LAG, "processor=\"user-view\"")).isGreaterThanOrEqualTo(1));
        } finally {
            userView.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scrape().value(LAG, "processor=\"user-view\"")).isZero());
    }
}
