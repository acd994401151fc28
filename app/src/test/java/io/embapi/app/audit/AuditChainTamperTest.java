package io.embapi.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Tampering with the stored history is detected at exactly the right position, through the endpoint and through
 * the ops command. This context has a database of its own (the property below makes it a separate context), and
 * every test puts the rows it tampered with back, so the chain verifies again afterwards.
 */
@TestPropertySource(properties = "embapi.audit.chain-interval=50ms")
class AuditChainTamperTest extends ApiTestSupport {

    @Autowired
    private Environment environment;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TransactionTemplate transactions;

    private String victim;

    @BeforeEach
    void someHistory() {
        for (int i = 0; i < 3; i++) {
            User user = newUser("chain");
            assertThat(call("PUT", "/v1/projects/" + user.handle() + "/prj", user.key(),
                    "{\"project_handle\":\"prj\"}").status()).isEqualTo(201);
        }
        victim = newUser("victim").handle();
        User after = newUser("chain");
        assertThat(call("PUT", "/v1/projects/" + after.handle() + "/prj", after.key(),
                "{\"project_handle\":\"prj\"}").status()).isEqualTo(201);
        awaitFullyChained();
    }

    @Test
    void aFreshChainVerifiesAndCoversEveryEventOnce() {
        JsonNode report = verify();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertThat(report.get("intact").booleanValue()).as(report.toString()).isTrue();
        assertThat(report.get("verified").longValue()).isEqualTo(events);
        assertThat(report.get("from").longValue()).isEqualTo(1);
        assertThat(report.get("to").longValue()).isEqualTo(events);
        assertThat(report.get("pending").longValue()).isZero();
        assertThat(report.get("first_broken").isNull()).isTrue();
        assertThat(report.get("head").get("hash").stringValue())
                .isEqualTo(jdbc.queryForObject("SELECT encode(hash, 'hex') FROM event_chain ORDER BY chain_seq DESC "
                        + "LIMIT 1", String.class)).hasSize(64);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT global_index) = count(*) AND max(chain_seq) = count(*) "
                + "FROM event_chain", Boolean.class)).isTrue();

        assertThat(report.get("last_hash").stringValue()).isEqualTo(report.get("head").get("hash").stringValue());

        JsonNode range = verify("?from=2&to=4");
        assertThat(range.get("intact").booleanValue()).isTrue();
        assertThat(range.get("verified").longValue()).isEqualTo(3);
        assertThat(range.get("pending").isNull()).isTrue();
        assertThat(range.get("last_hash").stringValue()).isEqualTo(jdbc.queryForObject(
                "SELECT encode(hash, 'hex') FROM event_chain WHERE chain_seq = 4", String.class));
    }

    @Test
    void theDocumentedHashFormulaGivesTheStoredHash() {
        // ADR 0008's definition computed by PostgreSQL instead of ChainHash: a second, independent implementation
        String recomputed = jdbc.queryForObject("SELECT encode(sha256(c.prev_hash "
                + "|| convert_to('embapi-event-chain-v1', 'UTF8') || int8send(d.globalindex) "
                + "|| " + field("d.eventidentifier") + " || " + field("d.aggregateidentifier")
                + " || int8send(d.sequencenumber) || " + field("d.type") + " || " + field("d.payloadtype")
                + " || " + field("d.payloadrevision") + " || " + field("d.\"timestamp\"")
                + " || int4send(length(d.payload)) || d.payload "
                + " || coalesce(int4send(length(d.metadata)) || d.metadata, int4send(-1))), 'hex') "
                + "FROM event_chain c JOIN domainevententry d ON d.globalindex = c.global_index "
                + "WHERE c.chain_seq = ?", String.class, 3L);
        assertThat(recomputed).isEqualTo(jdbc.queryForObject(
                "SELECT encode(hash, 'hex') FROM event_chain WHERE chain_seq = 3", String.class));
    }

    /** A text column as ADR 0008 encodes it: 4-byte length (-1 for null), then UTF-8. */
    private static String field(String column) {
        return "coalesce(int4send(octet_length(convert_to(" + column + ", 'UTF8'))) || convert_to(" + column
                + ", 'UTF8'), int4send(-1))";
    }

    @Test
    void anEditedPayloadIsFoundAtItsPosition() {
        Position target = positionOf("user:" + victim);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, target.globalIndex());
        // one trailing space: the JSON still means the same, the stored bytes do not
        jdbc.update("UPDATE domainevententry SET payload = payload || '\\x20'::bytea WHERE globalindex = ?",
                target.globalIndex());
        try {
            assertBroken(verify(), target, "hash_mismatch");
            assertBroken(verify("?from=" + target.position()), target, "hash_mismatch");
            assertThat(verify("?to=" + (target.position() - 1)).get("intact").booleanValue()).isTrue();
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original,
                    target.globalIndex());
        }
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    @Test
    void anEditedActorInTheMetadataIsFoundAtItsPosition() {
        Position target = positionOf("user:" + victim);
        byte[] original = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE globalindex = ?",
                byte[].class, target.globalIndex());
        assertThat(new String(original, StandardCharsets.UTF_8)).contains("\"admin\"");
        jdbc.update("UPDATE domainevententry SET metadata = convert_to(replace(convert_from(metadata, 'UTF8'), "
                + "'\"admin\"', '\"mallory\"'), 'UTF8') WHERE globalindex = ?", target.globalIndex());
        try {
            assertBroken(verify(), target, "hash_mismatch");
        } finally {
            jdbc.update("UPDATE domainevententry SET metadata = ? WHERE globalindex = ?", original,
                    target.globalIndex());
        }
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    @Test
    void aDeletedEventIsFoundAtItsPosition() {
        Position target = positionOf("user:" + victim);
        jdbc.execute("CREATE TABLE tampered_event AS SELECT * FROM domainevententry WHERE globalindex = "
                + target.globalIndex());
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", target.globalIndex());
        try {
            assertBroken(verify(), target, "event_missing");
        } finally {
            jdbc.execute("INSERT INTO domainevententry SELECT * FROM tampered_event");
            jdbc.execute("DROP TABLE tampered_event");
        }
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    @Test
    void aDeletedChainEntryIsFoundAtTheNextPosition() {
        Position target = positionOf("user:" + victim);
        jdbc.execute("CREATE TABLE tampered_chain AS SELECT * FROM event_chain WHERE chain_seq = " + target.position());
        jdbc.update("DELETE FROM event_chain WHERE chain_seq = ?", target.position());
        try {
            JsonNode report = verify();
            long next = target.position() + 1;
            assertThat(report.get("intact").booleanValue()).as(report.toString()).isFalse();
            assertThat(report.get("first_broken").get("position").longValue()).isEqualTo(next);
            assertThat(report.get("first_broken").get("reason").stringValue()).isEqualTo("prev_hash_mismatch");
            assertThat(report.get("first_broken").get("detail").stringValue())
                    .contains("position " + target.position() + " is missing");
            assertThat(report.get("verified").longValue()).isEqualTo(target.position() - 1);
        } finally {
            jdbc.execute("INSERT INTO event_chain SELECT * FROM tampered_chain");
            jdbc.execute("DROP TABLE tampered_chain");
        }
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    @Test
    void anEventSlippedInBehindTheChainerIsUnchained() {
        // a forged row that claims to come from a transaction long finished: the chainer is already past it
        long forged = jdbc.queryForObject("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, "timestamp", xact_id)
                SELECT 'forged:1', 0, type, ?, metadata, payload, payloadrevision, 'io.embapi.test.Forged',
                    "timestamp", '3'::xid8
                FROM domainevententry ORDER BY globalindex LIMIT 1
                RETURNING globalindex
                """, Long.class, UUID.randomUUID().toString());
        try {
            JsonNode report = verify();
            assertThat(report.get("intact").booleanValue()).as(report.toString()).isFalse();
            JsonNode broken = report.get("first_broken");
            assertThat(broken.get("reason").stringValue()).isEqualTo("unchained");
            assertThat(broken.get("global_index").longValue()).isEqualTo(forged);
            assertThat(broken.get("position").isNull()).isTrue();
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", forged);
        }
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    /**
     * A slow writer takes a global index, and faster writers commit events with higher ones meanwhile. The chain
     * waits for the slow transaction instead of skipping its event; once it commits, every event is chained once.
     */
    @Test
    void anEventCommittedLateWithALowerGlobalIndexIsChainedNotSkipped() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String stream = "late-writer:" + UUID.randomUUID();
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            eventStore.publish(new GenericDomainEventMessage<>("LateWriter", stream, 0L,
                    new EmbeddingDeletedEvent(-1, "late")));
            appended.countDown();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long fastEvent;
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            User fast = newUser("fast");
            fastEvent = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry "
                    + "WHERE aggregateidentifier = ?", Long.class, "user:" + fast.handle());
            await().atMost(Duration.ofSeconds(10)).until(() -> verify().get("pending").longValue() >= 1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?", Long.class,
                    fastEvent)).as("chained before the slower, lower event committed").isZero();
        } finally {
            release.countDown();
            slow.get(30, TimeUnit.SECONDS);
        }
        awaitFullyChained();
        long lateEvent = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, stream);
        assertThat(lateEvent).as("the slow writer took the lower global index").isLessThan(fastEvent);
        long laterPosition = jdbc.queryForObject("SELECT chain_seq FROM event_chain WHERE global_index = ?",
                Long.class, fastEvent);
        long latePosition = jdbc.queryForObject("SELECT chain_seq FROM event_chain WHERE global_index = ?",
                Long.class, lateEvent);
        assertThat(latePosition).as("the slow writer's event comes first in the chain").isLessThan(laterPosition);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?", Long.class,
                lateEvent)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry d WHERE NOT EXISTS "
                + "(SELECT 1 FROM event_chain c WHERE c.global_index = d.globalindex)", Long.class)).isZero();
        assertThat(verify().get("intact").booleanValue()).isTrue();
    }

    @Test
    void theOpsCommandExitsZeroWhenIntactAndOneWithTheBrokenPosition() {
        Map<String, String> env = new HashMap<>();
        env.put("EMBAPI_AUDIT_JDBC_URL", environment.getRequiredProperty("spring.datasource.url"));
        env.put("SERVICE_DBUSER", environment.getRequiredProperty("spring.datasource.username"));
        env.put("SERVICE_DBPASSWORD", environment.getProperty("spring.datasource.password", ""));
        env.put("SERVICE_ADMINKEY", ADMIN_KEY);
        String url = "http://127.0.0.1:" + port;

        Cli intact = cli(env);
        assertThat(intact.exit()).as(intact.err()).isZero();
        assertThat(intact.out()).startsWith("event chain intact: ");
        assertThat(cli(env, "--url", url).exit()).isZero();

        Position target = positionOf("user:" + victim);
        jdbc.update("UPDATE domainevententry SET payload = payload || '\\x20'::bytea WHERE globalindex = ?",
                target.globalIndex());
        try {
            Cli broken = cli(env);
            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.out()).startsWith("event chain BROKEN at position " + target.position()
                    + " (global index " + target.globalIndex() + "): hash_mismatch");
            Cli overHttp = cli(env, "--url", url, "--json");
            assertThat(overHttp.exit()).isEqualTo(1);
            assertThat(JSON.readTree(overHttp.out()).get("first_broken").get("position").longValue())
                    .isEqualTo(target.position());
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = substring(payload FROM 1 FOR length(payload) - 1) "
                    + "WHERE globalindex = ?", target.globalIndex());
        }
        assertThat(cli(env).exit()).isZero();

        Map<String, String> wrongKey = new HashMap<>(env);
        wrongKey.put("SERVICE_ADMINKEY", "not-the-admin-key");
        Cli refused = cli(wrongKey, "--url", url);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("answered 401").doesNotContain("not-the-admin-key");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private record Position(long position, long globalIndex) {
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new AuditVerifyCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The chain position of the first event of {@code stream}; it is neither the first nor the last entry. */
    private Position positionOf(String stream) {
        List<Position> found = jdbc.query("SELECT c.chain_seq, c.global_index FROM event_chain c "
                        + "JOIN domainevententry d ON d.globalindex = c.global_index "
                        + "WHERE d.aggregateidentifier = ? AND d.sequencenumber = 0",
                (rs, i) -> new Position(rs.getLong(1), rs.getLong(2)), stream);
        assertThat(found).hasSize(1);
        long head = jdbc.queryForObject("SELECT max(chain_seq) FROM event_chain", Long.class);
        assertThat(found.get(0).position()).isGreaterThan(1).isLessThan(head);
        return found.get(0);
    }

    private void assertBroken(JsonNode report, Position target, String reason) {
        assertThat(report.get("intact").booleanValue()).as(report.toString()).isFalse();
        JsonNode broken = report.get("first_broken");
        assertThat(broken.get("position").longValue()).as(report.toString()).isEqualTo(target.position());
        assertThat(broken.get("global_index").longValue()).isEqualTo(target.globalIndex());
        assertThat(broken.get("reason").stringValue()).isEqualTo(reason);
        assertThat(report.get("verified").longValue()).isEqualTo(target.position() - report.get("from").longValue());
    }

    private JsonNode verify() {
        return verify("");
    }

    private JsonNode verify(String query) {
        Response response = call("GET", "/v1/admin/audit/verify" + query, ADMIN_KEY, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void awaitFullyChained() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                + "domainevententry d WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = "
                + "d.globalindex)", Long.class) == 0);
    }
}
