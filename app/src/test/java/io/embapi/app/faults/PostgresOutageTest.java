package io.embapi.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.EmbapiApplication;
import io.embapi.app.logcheck.TestSecrets;
import io.embapi.app.faults.FaultClient.Answer;
import io.embapi.platform.cache.TableChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL stopped under load, twice ({@code pg_ctl stop -m fast}, then {@code -m immediate}), while clients
 * read, search and write (issue 9, ADR 0019). The service runs on a cluster of its own. During each outage every
 * request is answered within the bound, and never with a 500: 503 {@code application/problem+json} with
 * {@code Retry-After}, no stack trace, no SQL; the readiness group reports DOWN. After PostgreSQL is started again
 * the service recovers by itself: requests succeed, the readiness group is UP, the tracking processors reach the
 * head without dead letters, the cache listener ({@code TableChanges}) is live again, the audit chain
 * ({@code EventChainer}) covers every event and verifies, and every acknowledged write is readable.
 */
class PostgresOutageTest {

    private static final String ADMIN = "outage-test-admin-key-0123456789abcdef01234567";
    private static final String ENCRYPTION = "outage-test-encryption-key-0123456789abcdef012";
    /** The longest any request may take while the database is down. */
    private static final long BOUND_MILLIS = 5_000;

    private OwnCluster cluster;
    private ConfigurableApplicationContext context;

    @AfterEach
    void cleanUp() {
        if (context != null) {
            context.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What one client request was for and how it was answered. */
    record Call(String kind, String id, Answer answer, boolean duringOutage) {
    }

    @Test
    void theServiceAnswers503DuringAnOutageAndRecoversByItself() throws Exception {
        cluster = OwnCluster.start("embapi");
        String url = cluster.jdbcUrl("embapi");
        String[] settings = {"server.port=0", "server.address=127.0.0.1",
                "spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=", "embapi.admin-key=" + ADMIN, "embapi.encryption-key=" + ENCRYPTION,
                // once the actuator has a port of its own, a random one (the default may be taken on this machine)
                "EMBAPI_MANAGEMENT_PORT=0", "embapi.rate-limit.enabled=false"};
        TestSecrets.record(ADMIN);
        TestSecrets.record(ENCRYPTION);
        context = new SpringApplicationBuilder(EmbapiApplication.class).properties(settings)
                .run(Arrays.stream(settings).map(s -> "--" + s).toArray(String[]::new));
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        HealthEndpoint health = context.getBean(HealthEndpoint.class);
        TableChanges tableChanges = context.getBean(TableChanges.class);
        Supplier<Status> readiness = () -> health.healthForPath("readiness").getStatus();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));

        FaultClient client = new FaultClient(port);
        String owner = "outage-owner";
        String key = client.createUser(ADMIN, owner);
        String path = client.project(owner, key, "load", 4);
        assertThat(client.call("POST", path, key, batchBody("seed", 3)).status()).isEqualTo(201);
        assertThat(readiness.get()).isEqualTo(Status.UP);

        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        List<String> kinds = List.of("write", "write", "list", "project", "search", "get");
        for (String kind : kinds) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    String id = "o" + sequence.incrementAndGet();
                    boolean during = outage.get();
                    Answer answer = switch (kind) {
                        case "write" -> client.call("POST", path, key, batchBody(id, 3), Duration.ofSeconds(15));
                        case "list" -> client.call("GET", path + "?limit=5", key, null, Duration.ofSeconds(15));
                        case "project" -> client.call("GET", "/v1/projects/" + owner + "/load", key, null,
                                Duration.ofSeconds(15));
                        case "search" -> client.call("POST", "/v1/similars/" + owner + "/load?limit=3", key,
                                "{\"vector\":[1,0,0,0]}", Duration.ofSeconds(15));
                        default -> client.call("GET", path + "/seed-0", key, null, Duration.ofSeconds(15));
                    };
                    calls.add(new Call(kind, id, answer, during || outage.get()));
                    pause(answer.status() == 503 ? 100 : 20);
                }
            }, "outage-client-" + kind);
            thread.start();
            clients.add(thread);
        }

        List<String> timeline = new ArrayList<>();
        try {
            for (String mode : List.of("fast", "immediate")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> succeededSince(calls, kinds, 0));
                outage.set(true);
                long stopped = System.nanoTime();
                cluster.stopServer(mode);
                int before = calls.size();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> calls.stream().skip(before).filter(c -> c.answer().status() == 503).count() >= 6);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> readiness.get().equals(Status.DOWN));
                long downMillis = (System.nanoTime() - stopped) / 1_000_000;
                cluster.startServer();
                long started = System.nanoTime();
                outage.set(false);
                int after = calls.size();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> succeededSince(calls, kinds, after));
                timeline.add(String.format(Locale.ROOT, "%s: down %d ms, every kind of request succeeded %d ms "
                        + "after the restart", mode, downMillis, (System.nanoTime() - started) / 1_000_000));
            }
        } finally {
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(30_000);
            }
        }

        List<Call> outageCalls = calls.stream().filter(Call::duringOutage).toList();
        List<Call> unavailable = calls.stream().filter(c -> c.answer().status() == 503).toList();
        assertThat(unavailable).as("503 answers during the outages").isNotEmpty();
        for (Call call : calls) {
            assertThat(call.answer().status()).as("%s %s", call.kind(), call.answer()).isIn(200, 201, 503);
        }
        for (Call call : unavailable) {
            Answer answer = call.answer();
            assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).as(answer.toString()).isNotBlank();
            assertThat(answer.json().get("status").intValue()).isEqualTo(503);
            assertThat(answer.body()).doesNotContain("Exception", "SQL", "\tat ", "org.postgresql");
        }
        long slowest = outageCalls.stream().mapToLong(c -> c.answer().millis()).max().orElse(0);
        assertThat(slowest).as("slowest request during the outages (ms)").isLessThan(BOUND_MILLIS);

        // Recovered without help: readiness, cache listener, processors, audit chain.
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness.get().equals(Status.UP));
        await().atMost(Duration.ofSeconds(30)).until(tableChanges::live);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.processorsCaughtUp(ADMIN));
        AtomicReference<JsonNode> chain = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            chain.set(client.verifyChain(ADMIN));
            assertThat(chain.get().get("intact").booleanValue()).as(chain.get().toString()).isTrue();
            assertThat(chain.get().get("pending").longValue()).as(chain.get().toString()).isZero();
        });
        assertThat(chain.get().get("verified").longValue()).isEqualTo(
                jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class));

        // Every acknowledged write is stored and projected; every other write is there whole or not at all.
        long projectId = jdbc.queryForObject("SELECT project_id FROM project_registry WHERE owner = ? "
                + "AND project_handle = 'load'", Long.class, owner);
        Set<String> registry = new HashSet<>(jdbc.queryForList(
                "SELECT text_id FROM embedding_registry WHERE project_id = ?", String.class, projectId));
        Set<String> view = new HashSet<>(jdbc.queryForList(
                "SELECT text_id FROM embedding_view WHERE project_id = ?", String.class, projectId));
        assertThat(view).isEqualTo(registry);
        for (Call write : calls.stream().filter(c -> c.kind().equals("write")).toList()) {
            long stored = ids(write.id(), 3).stream().filter(registry::contains).count();
            if (write.answer().status() == 201) {
                assertThat(stored).as("acknowledged write %s", write.id()).isEqualTo(3);
            } else {
                assertThat(stored).as("failed write %s: all or nothing", write.id()).isIn(0L, 3L);
            }
        }

        // And the node serves a write and reads it back at once (read-your-writes: the projections run).
        Answer written = client.call("POST", path, key, batchBody("after", 3));
        assertThat(written.status()).as(written.toString()).isEqualTo(201);
        assertThat(written.header("X-Embapi-Consistency")).isEqualTo("synced");
        assertThat(client.call("GET", path + "/after-2", key, null).status()).isEqualTo(200);

        System.out.printf(Locale.ROOT, "PostgreSQL outage drill: %d requests, %d during outages, %d answered 503, "
                        + "slowest during an outage %d ms; %s%n", calls.size(), outageCalls.size(),
                unavailable.size(), slowest, String.join("; ", timeline));
    }

    /** True when every kind of client request has succeeded at least once among the calls from {@code from} on. */
    private static boolean succeededSince(ConcurrentLinkedQueue<Call> calls, List<String> kinds, int from) {
        Set<String> succeeded = new HashSet<>();
        calls.stream().skip(from).filter(c -> c.answer().status() / 100 == 2).forEach(c -> succeeded.add(c.kind()));
        return succeeded.containsAll(kinds);
    }

    private static List<String> ids(String batch, int size) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(batch + "-" + i);
        }
        return ids;
    }

    private static String batchBody(String batch, int size) {
        StringBuilder items = new StringBuilder();
        for (String id : ids(batch, size)) {
            items.append(items.isEmpty() ? "" : ",").append("{\"text_id\":\"").append(id)
                    .append("\",\"instance_handle\":\"embedding1\",\"vector\":[1,")
                    .append(id.hashCode() % 7).append(",0.5,0.25],\"vector_dim\":4}");
        }
        return "{\"embeddings\":[" + items + "]}";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
