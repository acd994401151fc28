package io.embapi.app.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import io.embapi.app.ProblemAssertions;
import io.embapi.app.ops.RebuildCommandAccess;
import io.embapi.platform.testing.TableSnapshots;
import io.embapi.shared.user.UserRegisteredEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The processor operations end to end: the list shows every processor (tracking projections, the command side's
 * subscribing registries, a stand-in for the audit chain); a rebuild empties a projection's tables and replays it to
 * the same rows; the audit chain and the registries are refused; {@code ops/rebuild}'s command rebuilds all with a
 * progress bar and leaves the audit chain alone.
 */
@Import(ProcessorEndpointsTest.AuditChainStandIn.class)
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=8", "embapi.search.pool-size=2"})
class ProcessorEndpointsTest extends ApiTestSupport {

    // Positions, and the hash chain (evidence, not a read model: its writer appends asynchronously, see ADR 0008).
    private static final List<String> NOT_READ_MODELS = List.of("tokenentry", "event_chain");

    @Autowired
    private AuditChainHandler auditChain;

    @Test
    void theListShowsEveryProcessorWithPositionLagAndDeadLetters() {
        User alice = newUser("proc");
        assertThat(call("GET", "/v1/admin/processors", alice.key(), null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/admin/processors", null, null).status()).isEqualTo(401);

        Response list = call("GET", "/v1/admin/processors", ADMIN_KEY, null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        assertThat(list.json().get("head").longValue()).isGreaterThanOrEqualTo(head);
        Map<String, JsonNode> byName = byName(list.json().get("processors"));
        assertThat(byName).containsKeys("user-view", "project-view", "api-standard-view", "definition-view",
                "instance-view", "embedding-view", "user-registry", "project-registry", "embedding-registry",
                "audit-chain");

        JsonNode userView = byName.get("user-view");
        assertThat(userView.get("kind").stringValue()).isEqualTo("tracking");
        assertThat(userView.get("running").booleanValue()).isTrue();
        assertThat(userView.get("error").booleanValue()).isFalse();
        assertThat(userView.get("rebuildable").booleanValue()).isTrue();
        assertThat(userView.get("replaying").booleanValue()).isFalse();
        assertThat(userView.get("dead_letters").longValue()).isZero();
        assertThat(userView.get("segments")).hasSize(1);
        assertThat(userView.get("segments").get(0).get("position").longValue()).isPositive();
        assertThat(userView.get("lag").longValue())
                .isEqualTo(userView.get("head").longValue() - userView.get("position").longValue());

        JsonNode registry = byName.get("user-registry");
        assertThat(registry.get("kind").stringValue()).isEqualTo("subscribing");
        assertThat(registry.get("rebuildable").booleanValue()).isFalse();
        assertThat(registry.get("lag").longValue()).isZero();
        assertThat(registry.get("dead_letters").isNull()).isTrue();
        assertThat(byName.get("audit-chain").get("rebuildable").booleanValue()).isFalse();

        Response one = call("GET", "/v1/admin/processors/user-view", ADMIN_KEY, null);
        assertThat(one.json().get("name").stringValue()).isEqualTo("user-view");
        ProblemAssertions.assertProblem(call("GET", "/v1/admin/processors/nope", ADMIN_KEY, null), 404,
                "no event processor named nope");
    }

    @Test
    void aRebuildEmptiesTheTablesAndReplaysToTheSameRows() {
        for (int i = 0; i < 5; i++) {
            newUser("rebuild");
        }
        awaitCaughtUp();
        Map<String, List<String>> before = TableSnapshots.of(jdbc, NOT_READ_MODELS);
        // a row no event explains: a replay from scratch must drop it
        jdbc.update("INSERT INTO user_view (user_handle, registered_at, updated_at, version) "
                + "VALUES ('ghost', now(), now(), 0)");

        Response started = call("POST", "/v1/admin/processors/user-view/rebuild", ADMIN_KEY, null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/v1/admin/processors/user-view");
        assertThat(started.json().get("name").stringValue()).isEqualTo("user-view");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = call("GET", started.header("Location"), ADMIN_KEY, null).json();
            assertThat(status.get("replaying").booleanValue()).isFalse();
            assertThat(status.get("segments")).isNotEmpty();
            assertThat(status.get("lag").longValue()).isZero();
        });
        assertThat(TableSnapshots.differences(before, TableSnapshots.of(jdbc, NOT_READ_MODELS))).isEmpty();
    }

    @Test
    void theAuditChainTheRegistriesAndUnknownProcessorsAreRefused() {
        ProblemAssertions.assertProblem(call("POST", "/v1/admin/processors/audit-chain/rebuild", ADMIN_KEY, null), 409,
                "audit-chain is never rebuilt: its state is not derived by a replay (embapi.processing.never-rebuild)");
        ProblemAssertions.assertProblem(call("POST", "/v1/admin/processors/user-registry/rebuild", ADMIN_KEY, null),
                409, "user-registry is a subscribing processor: it writes a command-side lookup table in the "
                        + "command's transaction and is restored with the event store, not replayed");
        ProblemAssertions.assertProblem(call("POST", "/v1/admin/processors/nope/rebuild", ADMIN_KEY, null), 404,
                "no event processor named nope");
        User mallory = newUser("proc");
        assertThat(call("POST", "/v1/admin/processors/user-view/rebuild", mallory.key(), null).status())
                .isEqualTo(401);
        assertThat(call("POST", "/v1/admin/processors/rebuild", mallory.key(), null).status()).isEqualTo(401);
    }

    @Test
    void theOpsCommandRebuildsEveryProjectionWithAProgressBarAndLeavesTheAuditChainAlone() {
        for (int i = 0; i < 3; i++) {
            newUser("opsall");
        }
        awaitCaughtUp();
        Map<String, List<String>> before = TableSnapshots.of(jdbc, NOT_READ_MODELS);
        int auditEvents = auditChain.handled.get();
        jdbc.update("DELETE FROM project_view");
        jdbc.update("UPDATE api_standard_view SET description = 'tampered'");

        StringWriter output = new StringWriter();
        int exit = RebuildCommandAccess.run(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port,
                "SERVICE_ADMINKEY", ADMIN_KEY), new PrintWriter(output, true), "--all", "--interval-ms", "100");

        assertThat(exit).as(output.toString()).isZero();
        assertThat(output.toString()).contains("rebuilding ").contains("user-view").contains("embedding-view")
                .contains("audit-resources").contains("history-index")
                .doesNotContain("audit-chain").contains("100.0%").contains("ETA");
        String named = output.toString().lines().findFirst().orElseThrow().substring("rebuilding ".length());
        assertThat(output.toString()).contains("done: " + named.split(", ").length + " processor(s)");
        assertThat(TableSnapshots.differences(before, TableSnapshots.of(jdbc, NOT_READ_MODELS))).isEmpty();
        assertThat(auditChain.handled.get()).as("the audit chain saw no replay").isEqualTo(auditEvents);

        StringWriter refused = new StringWriter();
        assertThat(RebuildCommandAccess.run(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port, "SERVICE_ADMINKEY",
                ADMIN_KEY), new PrintWriter(refused, true), "audit-chain")).isEqualTo(1);
        assertThat(refused.toString()).contains("409").contains("never rebuilt");
        assertThat(RebuildCommandAccess.run(Map.of(), new PrintWriter(new StringWriter(), true), "--all"))
                .isEqualTo(2);
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode processor : call("GET", "/v1/admin/processors", ADMIN_KEY, null).json().get("processors")) {
                assertThat(processor.get("lag").longValue()).as(processor.get("name").stringValue()).isZero();
            }
        });
    }

    private static Map<String, JsonNode> byName(JsonNode processors) {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        processors.forEach(processor -> byName.put(processor.get("name").stringValue(), processor));
        return byName;
    }

    /** Stands in for the audit hash chain another slice adds: a tracking processor that must never be reset. */
    @TestConfiguration
    static class AuditChainStandIn {

        @Autowired
        void register(EventProcessingConfigurer processing) {
            processing.registerTrackingEventProcessor("audit-chain");
        }

        @Bean
        AuditChainHandler auditChainHandler() {
            return new AuditChainHandler();
        }
    }

    @ProcessingGroup("audit-chain")
    static class AuditChainHandler {

        final AtomicInteger handled = new AtomicInteger();

        @EventHandler
        void on(UserRegisteredEvent event) {
            handled.incrementAndGet();
        }
    }
}
