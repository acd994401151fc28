package io.embapi.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.faults.FaultClient.Answer;
import io.embapi.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the service in the middle of sustained ingestion, then a restart on the same database (issue 9,
 * ADR 0019). Writers upload batches continuously and record which ones were acknowledged (201); the service is
 * killed with SIGKILL while batches are in flight. After the restart every acknowledged embedding is in the event
 * store, in {@code embedding_registry} and in {@code embedding_view} (and found by a search), every batch that was
 * not acknowledged is there completely or not at all, the projections catch up and the audit chain verifies.
 */
class KillDuringIngestionTest {

    private static final String ADMIN = "kill-test-admin-key-0123456789abcdef0123456789";
    private static final String ENCRYPTION = "kill-test-encryption-key-0123456789abcdef0123";
    private static final int WRITERS = 6;
    private static final int BATCH = 25;
    private static final int DIMENSIONS = 16;
    /** Acknowledged batches before the kill: enough to be sure it lands mid-stream. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 24;

    private static TestDatabase.Database database;
    private static String user;
    private static String password;
    private static String databaseUrl;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("embapi_kill_");
        user = database.user();
        password = database.password();
        databaseUrl = database.url();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** One upload: its ids and vectors, made up front so that the outcome can be checked id by id. */
    record Batch(String name, List<String> ids, List<float[]> vectors) {

        String body() {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < ids.size(); i++) {
                items.append(i == 0 ? "" : ",").append("{\"text_id\":\"").append(ids.get(i))
                        .append("\",\"instance_handle\":\"embedding1\",\"vector_dim\":").append(DIMENSIONS)
                        .append(",\"vector\":").append(vectorJson(vectors.get(i)))
                        .append(",\"metadata\":{\"batch\":\"").append(name).append("\"}}");
            }
            return "{\"embeddings\":[" + items + "]}";
        }
    }

    @Test
    void everyAcknowledgedBatchSurvivesAKillAndNothingIsHalfApplied() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, user, password));
        String owner = "kill-owner";
        String key;
        String path;
        ConcurrentLinkedQueue<Batch> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Batch> unanswered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> otherAnswers = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlightAtKill = new AtomicInteger();

        try (ChildService first = ChildService.start(databaseUrl, user, password, ADMIN, ENCRYPTION, Map.of())) {
            FaultClient client = new FaultClient(first.port());
            key = client.createUser(ADMIN, owner);
            path = client.project(owner, key, "ingest", DIMENSIONS);

            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger inFlight = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                String writerKey = key;
                String writerPath = path;
                Thread thread = new Thread(() -> {
                    Random random = new Random(writer);
                    for (int n = 0; !killed.get(); n++) {
                        Batch batch = batch("w" + writer + "-b" + n, random);
                        inFlight.incrementAndGet();
                        Answer answer = client.call("POST", writerPath, writerKey, batch.body());
                        inFlight.decrementAndGet();
                        if (answer.status() == 201) {
                            acknowledged.add(batch);
                        } else {
                            unanswered.add(batch);
                            if (answer.status() != 0) {
                                otherAnswers.add(answer);
                            }
                            if (answer.status() == 0 || killed.get()) {
                                return;
                            }
                        }
                    }
                }, "kill-writer-" + w);
                thread.start();
                writers.add(thread);
            }

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
            inFlightAtKill.set(inFlight.get());
            killed.set(true);
            first.kill();
            for (Thread thread : writers) {
                thread.join(60_000);
                assertThat(thread.isAlive()).as("writer %s ended", thread.getName()).isFalse();
            }
        }
        assertThat(otherAnswers).as("answers other than 201 before the kill").isEmpty();
        assertThat(inFlightAtKill.get()).as("batches in flight at the kill").isPositive();
        assertThat(unanswered).as("batches cut off by the kill").isNotEmpty();

        try (ChildService second = ChildService.start(databaseUrl, user, password, ADMIN, ENCRYPTION, Map.of())) {
            FaultClient client = new FaultClient(second.port());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.processorsCaughtUp(ADMIN));

            long projectId = jdbc.queryForObject("SELECT project_id FROM project_registry WHERE owner = ? "
                    + "AND project_handle = 'ingest'", Long.class, owner);
            Map<String, Long> inEvents = idsInEvents(jdbc, projectId);
            Set<String> inRegistry = new HashSet<>(jdbc.queryForList(
                    "SELECT text_id FROM embedding_registry WHERE project_id = ?", String.class, projectId));
            Set<String> inView = new HashSet<>(jdbc.queryForList(
                    "SELECT text_id FROM embedding_view WHERE project_id = ?", String.class, projectId));

            for (Batch batch : acknowledged) {
                assertThat(inEvents.keySet()).as("acknowledged %s in the event store", batch.name())
                        .containsAll(batch.ids());
                assertThat(batch.ids().stream().map(inEvents::get).distinct().count())
                        .as("acknowledged %s is one event", batch.name()).isEqualTo(1);
                assertThat(inRegistry).as("acknowledged %s in embedding_registry", batch.name())
                        .containsAll(batch.ids());
                assertThat(inView).as("acknowledged %s in embedding_view", batch.name()).containsAll(batch.ids());
            }
            for (Batch batch : unanswered) {
                long stored = batch.ids().stream().filter(inEvents::containsKey).count();
                assertThat(stored).as("unanswered %s: all or nothing in the event store", batch.name())
                        .isIn(0L, (long) BATCH);
                assertThat(batch.ids().stream().filter(inRegistry::contains).count())
                        .as("unanswered %s in embedding_registry as in the events", batch.name()).isEqualTo(stored);
                assertThat(batch.ids().stream().filter(inView::contains).count())
                        .as("unanswered %s in embedding_view as in the events", batch.name()).isEqualTo(stored);
            }
            // Nothing in the read models that the events do not hold, nothing twice in the events.
            assertThat(inRegistry).isEqualTo(inEvents.keySet());
            assertThat(inView).isEqualTo(inEvents.keySet());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                    projectId)).isEqualTo(inEvents.size());

            // Searchable: a stored vector finds its own document first.
            List<Batch> sample = new ArrayList<>(acknowledged).subList(0, 3);
            for (Batch batch : sample) {
                Answer found = client.call("POST", "/v1/similars/" + owner + "/ingest?limit=3", key,
                        "{\"vector\":" + vectorJson(batch.vectors().get(0)) + "}");
                assertThat(found.status()).as(found.toString()).isEqualTo(200);
                assertThat(found.json().get("results").get(0).get("id").stringValue()).isEqualTo(batch.ids().get(0));
            }

            // The service takes writes again, and the audit chain covers every event and verifies.
            Batch after = batch("after-restart", new Random(99));
            Answer accepted = client.call("POST", path, key, after.body());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode report = client.verifyChain(ADMIN);
                assertThat(report.get("intact").booleanValue()).as(report.toString()).isTrue();
                assertThat(report.get("pending").longValue()).as(report.toString()).isZero();
            });
            System.out.printf(Locale.ROOT, "kill -9 drill: %d batches acknowledged, %d cut off (%d of them stored "
                            + "whole), %d in flight at the kill%n", acknowledged.size(), unanswered.size(),
                    unanswered.stream().filter(b -> inEvents.containsKey(b.ids().get(0))).count(),
                    inFlightAtKill.get());
        }
    }

    /** Text id → global index of the event that stored it, over every upload event of the project. */
    private static Map<String, Long> idsInEvents(JdbcTemplate jdbc, long projectId) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT globalindex, convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype = "
                + "'io.embapi.shared.embedding.EmbeddingsUpsertedEvent' ORDER BY globalindex", rs -> {
            JsonNode payload = FaultClient.JSON.readTree(rs.getString(2));
            if (payload.get("projectId").longValue() != projectId) {
                return;
            }
            for (JsonNode record : payload.get("embeddings")) {
                Long previous = ids.put(record.get("textId").stringValue(), rs.getLong(1));
                assertThat(previous).as("text id %s stored twice", record.get("textId")).isNull();
            }
        });
        return ids;
    }

    private static Batch batch(String name, Random random) {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ids.add(name + "-" + i);
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        return new Batch(name, ids, vectors);
    }

    private static String vectorJson(float[] vector) {
        StringBuilder json = new StringBuilder("[");
        for (int d = 0; d < vector.length; d++) {
            json.append(d == 0 ? "" : ",").append(vector[d]);
        }
        return json.append(']').toString();
    }
}
