package io.embapi.app.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent writers never make the projections skip a committed event. The global index is taken before commit,
 * so a slow writer commits an event with a lower index after faster writers' higher ones have been projected: a
 * gap the tracking token must remember and fill. Slow writers are made slow on purpose (a trigger that sleeps
 * while inserting their event, after the index was drawn); many fast writers go on meanwhile through the API. In
 * the end every event in {@code domainevententry} is in the views.
 */
class GapSafetyTest extends ApiTestSupport {

    private static final int SLOW_WRITERS = 3;
    private static final int FAST_WRITERS = 6;
    private static final int UPLOADS_PER_WRITER = 6;

    @AfterEach
    void removeTheTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS gap_test_slow_writer ON domainevententry");
        jdbc.execute("DROP FUNCTION IF EXISTS gap_test_slow_writer()");
    }

    @Test
    void eventsCommittedBehindLaterOnesAreStillProjected() throws Exception {
        jdbc.execute("""
                CREATE FUNCTION gap_test_slow_writer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.payloadtype LIKE '%UserRegisteredEvent'
                       AND convert_from(NEW.payload, 'UTF8') LIKE '%"userHandle":"gapslow-%' THEN
                        PERFORM pg_sleep(3);
                    END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER gap_test_slow_writer BEFORE INSERT ON domainevententry "
                + "FOR EACH ROW EXECUTE FUNCTION gap_test_slow_writer()");

        Map<String, Long> finished = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(SLOW_WRITERS + FAST_WRITERS);
        List<Future<?>> writes = new ArrayList<>();
        List<String> slowUsers = new ArrayList<>();
        for (int i = 0; i < SLOW_WRITERS; i++) {
            String handle = unique("gapslow");
            slowUsers.add(handle);
            writes.add(pool.submit(() -> {
                createUser(handle);
                finished.put(handle, System.nanoTime());
            }));
        }
        // a slow writer holds its index, sleeping in the trigger
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'", Integer.class) > 0);

        List<String> fastUsers = new ArrayList<>();
        Map<Long, Integer> uploadedPerProject = new ConcurrentHashMap<>();
        for (int w = 0; w < FAST_WRITERS; w++) {
            String handle = unique("gapfast");
            fastUsers.add(handle);
            writes.add(pool.submit(() -> {
                String key = createUser(handle);
                finished.put(handle, System.nanoTime());
                String path = projectWithInstance(handle, key, "gaps", 4);
                for (int u = 0; u < UPLOADS_PER_WRITER; u++) {
                    Response upload = call("POST", path, key, "{\"embeddings\":[{\"text_id\":\"t" + u
                            + "\",\"instance_handle\":\"embedding1\",\"vector\":[1,0," + u + ",1],\"vector_dim\":4},"
                            + "{\"text_id\":\"s" + u + "\",\"instance_handle\":\"embedding1\",\"vector\":[0,1,1,"
                            + u + "],\"vector_dim\":4}]}");
                    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
                }
                long projectId = jdbc.queryForObject("SELECT project_id FROM project_registry WHERE owner = ? "
                        + "AND project_handle = 'gaps'", Long.class, handle);
                uploadedPerProject.put(projectId, 2 * UPLOADS_PER_WRITER);
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        for (Future<?> write : writes) {
            write.get();
        }

        // the gap was real: a faster writer's event with a higher index was committed (and answered, so projected)
        // while the slow writer's lower index was still in flight
        for (String slow : slowUsers) {
            long slowIndex = registeredAt(slow);
            assertThat(fastUsers).as("a fast event overtook %s", slow).anySatisfy(fast -> {
                assertThat(registeredAt(fast)).isGreaterThan(slowIndex);
                assertThat(finished.get(fast)).isLessThan(finished.get(slow));
            });
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode processor : call("GET", "/v1/admin/processors", ADMIN_KEY, null).json().get("processors")) {
                assertThat(processor.get("lag").longValue()).as(processor.get("name").stringValue()).isZero();
            }
        });
        // every event is in the views: all users, every project, every embedding the events carry
        List<String> everyone = new ArrayList<>(slowUsers);
        everyone.addAll(fastUsers);
        assertThat(jdbc.queryForList("SELECT user_handle FROM user_view WHERE user_handle = ANY(?::varchar[])",
                String.class, (Object) everyone.toArray(String[]::new))).containsExactlyInAnyOrderElementsOf(everyone);
        for (Map.Entry<Long, Integer> project : uploadedPerProject.entrySet()) {
            Integer inEvents = jdbc.queryForObject("""
                    SELECT count(DISTINCT item ->> 'textId') FROM domainevententry,
                        jsonb_array_elements(convert_from(payload, 'UTF8')::jsonb -> 'embeddings') item
                    WHERE payloadtype LIKE '%EmbeddingsUpsertedEvent'
                      AND (convert_from(payload, 'UTF8')::jsonb ->> 'projectId')::bigint = ?""",
                    Integer.class, project.getKey());
            assertThat(inEvents).isEqualTo(project.getValue());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Integer.class,
                    project.getKey())).as("project %s", project.getKey()).isEqualTo(inEvents);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM project_view WHERE project_id = ?", Integer.class,
                    project.getKey())).isEqualTo(1);
        }
    }

    private long registeredAt(String handle) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 0", Long.class, "user:" + handle);
    }
}
