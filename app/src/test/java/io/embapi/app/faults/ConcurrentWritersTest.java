package io.embapi.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sixteen writers on one project and sixteen on projects of their own, at once (issue 9, ADR 0019): uploads with
 * overlapping ids and metadata merges, single deletions, delete-alls. Afterwards the test folds the events itself,
 * from {@code domainevententry} in global order, and requires: every acknowledged request is exactly one event and
 * every event of these projects is an acknowledged request (no lost write, no duplicate); every upload merged its
 * metadata into the state left by the events before it (no lost update); {@code embedding_registry},
 * {@code embedding_view} (with each row's event position) and the history index ({@code embedding_event_index}) equal
 * the fold; and a rebuild of the embedding view and the history index yields the same rows.
 */
class ConcurrentWritersTest extends ApiTestSupport {

    private static final String UPSERTED = "io.embapi.shared.embedding.EmbeddingsUpsertedEvent";
    private static final String DELETED = "io.embapi.shared.embedding.EmbeddingDeletedEvent";
    private static final String ALL_DELETED = "io.embapi.shared.embedding.AllEmbeddingsDeletedEvent";
    private static final int WRITERS = 16;
    private static final int OPERATIONS = 10;

    /** What an acknowledged request sent: its kind and, for an upload, each id's metadata patch (null: none). */
    record Sent(String kind, long projectId, Map<String, String> metadataById) {
    }

    /** One embedding as the fold has it. */
    record Row(String metadata, int dimensions, long position) {
    }

    /** One row of the history index. */
    record IndexRow(long projectId, String textId, long globalIndex, String kind) {
    }

    @Test
    void concurrentWritersLoseNothingAndEveryReadModelEqualsTheFoldedHistory() throws Exception {
        User owner = newUser("cw");
        projectWithInstance(owner.handle(), owner.key(), "shared", 4);
        Map<String, Long> projectIds = new LinkedHashMap<>();
        projectIds.put("shared", projectId(owner.handle(), "shared"));
        for (int w = 0; w < WRITERS; w++) {
            String handle = "own" + w;
            Response created = call("PUT", "/v1/projects/" + owner.handle() + "/" + handle, owner.key(),
                    "{\"project_handle\":\"" + handle + "\",\"instance_handle\":\"embedding1\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            projectIds.put(handle, projectId(owner.handle(), handle));
        }

        Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 2 * WRITERS; w++) {
            boolean sharedProject = w < WRITERS;
            String project = sharedProject ? "shared" : "own" + (w - WRITERS);
            int writer = w;
            done.add(pool.submit(() -> write(owner, project, projectIds.get(project), writer,
                    sharedProject ? 12 : 6, acknowledged, refused)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        for (Future<?> future : done) {
            future.get();
        }
        assertThat(refused).as("answers other than 201/204 (and 404 for a missing id)").isEmpty();

        Set<Long> ours = new HashSet<>(projectIds.values());
        Fold fold = fold(ours, acknowledged);
        assertThat(fold.requestsSeen().keySet()).as("every acknowledged request is an event")
                .isEqualTo(acknowledged.keySet());
        assertThat(fold.requestsSeen().values()).as("and exactly one").allMatch(n -> n == 1);

        Map<String, Row> expected = normalised(fold.rows());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(registry(ours)).as("embedding_registry").isEqualTo(withoutPositions(expected));
            assertThat(view(ours)).as("embedding_view").isEqualTo(expected);
            assertThat(historyIndex(ours)).as("embedding_event_index").isEqualTo(fold.index());
        });

        for (String processor : List.of("embedding-view", "history-index")) {
            Response rebuild = call("POST", "/v1/admin/processors/" + processor + "/rebuild", ADMIN_KEY, null);
            assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String processor : List.of("embedding-view", "history-index")) {
                JsonNode status = call("GET", "/v1/admin/processors/" + processor, ADMIN_KEY, null).json();
                assertThat(status.get("replaying").booleanValue()).as(status.toString()).isFalse();
                assertThat(status.get("lag").longValue()).as(status.toString()).isZero();
            }
            assertThat(view(ours)).as("embedding_view after the rebuild").isEqualTo(expected);
            assertThat(historyIndex(ours)).as("embedding_event_index after the rebuild").isEqualTo(fold.index());
        });
        System.out.printf(Locale.ROOT, "concurrent writers: %d acknowledged requests, %d events folded, %d embeddings "
                + "left%n", acknowledged.size(), fold.events(), fold.rows().size());
    }

    private void write(User owner, String project, long projectId, int writer, int idPool,
                       Map<String, Sent> acknowledged, ConcurrentLinkedQueue<String> refused) {
        Random random = new Random(writer * 7919L);
        String path = "/v1/embeddings/" + owner.handle() + "/" + project;
        for (int op = 0; op < OPERATIONS; op++) {
            double dice = random.nextDouble();
            Response response;
            Sent sent;
            if (dice < 0.60) {
                Map<String, String> patches = new LinkedHashMap<>();
                StringBuilder items = new StringBuilder();
                int count = 1 + random.nextInt(3);
                while (patches.size() < count) {
                    String id = "t" + random.nextInt(idPool);
                    if (patches.containsKey(id)) {
                        continue;
                    }
                    String patch = random.nextDouble() < 0.15 ? null : metadataPatch(writer, op, random);
                    patches.put(id, patch);
                    items.append(items.isEmpty() ? "" : ",").append("{\"text_id\":\"").append(id)
                            .append("\",\"instance_handle\":\"embedding1\",\"vector_dim\":4,\"vector\":[")
                            .append(random.nextInt(9) + 1).append(",").append(writer).append(",").append(op)
                            .append(",1]").append(patch == null ? "" : ",\"metadata\":" + patch).append("}");
                }
                response = call("POST", path, owner.key(), "{\"embeddings\":[" + items + "]}");
                sent = new Sent("upload", projectId, patches);
                if (response.status() != 201) {
                    refused.add("upload " + response);
                    continue;
                }
            } else {
                boolean all = dice > 0.97;
                response = call("DELETE", all ? path : path + "/t" + random.nextInt(idPool), owner.key(), null);
                sent = new Sent(all ? "delete-all" : "delete", projectId, Map.of());
                if (response.status() == 404 && !all) {
                    continue;
                }
                if (response.status() != 204) {
                    refused.add("delete " + response);
                    continue;
                }
            }
            acknowledged.put(response.header("X-Request-Id"), sent);
        }
    }

    /** A metadata patch: this writer's key, sometimes a key all writers fight over, sometimes a removal. */
    private static String metadataPatch(int writer, int op, Random random) {
        StringBuilder patch = new StringBuilder("{\"w" + writer + "\":" + op);
        if (random.nextBoolean()) {
            patch.append(",\"contested\":").append(writer * 100 + op);
        }
        if (random.nextDouble() < 0.2) {
            // another writer's key removed (never this writer's own: a key twice in one object is refused, ADR 0020)
            int other = random.nextInt(2 * WRITERS - 1);
            patch.append(",\"w").append(other >= writer ? other + 1 : other).append("\":null");
        }
        return patch.append('}').toString();
    }

    /** The fold's result: the embeddings left, the history index rows, and how often each request id was seen. */
    record Fold(Map<String, Row> rows, Set<IndexRow> index, Map<String, Integer> requestsSeen, int events) {
    }

    /**
     * Folds the embedding events of {@code projects} in global order. Keys of {@code rows}: {@code projectId/textId}.
     * Checks on the way that each upload's metadata is its patch merged into the state before it.
     */
    private Fold fold(Set<Long> projects, Map<String, Sent> acknowledged) {
        Map<String, Row> rows = new HashMap<>();
        Set<IndexRow> index = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        int[] events = {0};
        jdbc.query("SELECT globalindex, payloadtype, convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8') "
                + "FROM domainevententry WHERE payloadtype IN (?, ?, ?) ORDER BY globalindex", rs -> {
            long position = rs.getLong(1);
            String type = rs.getString(2);
            JsonNode payload = JSON.readTree(rs.getString(3));
            long projectId = payload.get("projectId").longValue();
            if (!projects.contains(projectId)) {
                return;
            }
            events[0]++;
            String requestId = JSON.readTree(rs.getString(4)).get("requestId").stringValue();
            seen.merge(requestId, 1, Integer::sum);
            Sent sent = acknowledged.get(requestId);
            assertThat(sent).as("event %d comes from an acknowledged request", position).isNotNull();
            assertThat(sent.projectId()).isEqualTo(projectId);
            switch (type) {
                case UPSERTED -> {
                    assertThat(sent.kind()).isEqualTo("upload");
                    Set<String> ids = new HashSet<>();
                    for (JsonNode record : payload.get("embeddings")) {
                        String textId = record.get("textId").stringValue();
                        ids.add(textId);
                        String key = projectId + "/" + textId;
                        Row before = rows.get(key);
                        String metadata = record.get("metadata").isNull() ? null
                                : record.get("metadata").stringValue();
                        assertThat(json(metadata)).as("metadata of %s at %d: its patch merged into the state before",
                                key, position).isEqualTo(json(merge(before == null ? null : before.metadata(),
                                sent.metadataById().get(textId))));
                        rows.put(key, new Row(metadata, record.get("dimensions").intValue(), position));
                        index.add(new IndexRow(projectId, textId, position, "upserted"));
                    }
                    assertThat(ids).as("the event holds the request's batch").isEqualTo(sent.metadataById().keySet());
                }
                case DELETED -> {
                    assertThat(sent.kind()).isEqualTo("delete");
                    String textId = payload.get("textId").stringValue();
                    assertThat(rows.remove(projectId + "/" + textId)).as("deleted %s existed", textId).isNotNull();
                    index.add(new IndexRow(projectId, textId, position, "deleted"));
                }
                default -> {
                    assertThat(sent.kind()).isEqualTo("delete-all");
                    rows.keySet().removeIf(key -> key.startsWith(projectId + "/"));
                    index.add(new IndexRow(projectId, null, position, "all-deleted"));
                }
            }
        }, UPSERTED, DELETED, ALL_DELETED);
        return new Fold(rows, index, seen, events[0]);
    }

    /** The reference's merge, written again from its description (ADR 0006): patch keys set, null keys removed. */
    private static String merge(String stored, String patch) {
        if (patch == null) {
            return stored;
        }
        ObjectNode merged = stored == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(stored);
        JSON.readTree(patch).properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return merged.toString();
    }

    private static JsonNode json(String text) {
        return text == null ? null : JSON.readTree(text);
    }

    private long projectId(String owner, String project) {
        return jdbc.queryForObject("SELECT project_id FROM project_registry WHERE owner = ? AND project_handle = ?",
                Long.class, owner, project);
    }

    private Map<String, Row> view(Set<Long> projects) {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT project_id, text_id, metadata::text, vector_dim, position FROM embedding_view "
                + "WHERE project_id = ANY (?)", rs -> {
            rows.put(rs.getLong(1) + "/" + rs.getString(2), new Row(normal(rs.getString(3)), rs.getInt(4),
                    rs.getLong(5)));
        }, (Object) projects.toArray(Long[]::new));
        return rows;
    }

    private Map<String, Row> registry(Set<Long> projects) {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT project_id, text_id, metadata::text, vector_dim FROM embedding_registry "
                + "WHERE project_id = ANY (?)", rs -> {
            rows.put(rs.getLong(1) + "/" + rs.getString(2), new Row(normal(rs.getString(3)), rs.getInt(4), 0));
        }, (Object) projects.toArray(Long[]::new));
        return rows;
    }

    private Set<IndexRow> historyIndex(Set<Long> projects) {
        return new HashSet<>(jdbc.query("SELECT project_id, text_id, global_index, kind FROM embedding_event_index "
                        + "WHERE project_id = ANY (?)",
                (rs, i) -> new IndexRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                (Object) projects.toArray(Long[]::new)));
    }

    private static Map<String, Row> withoutPositions(Map<String, Row> rows) {
        return normalised(rows).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new Row(e.getValue().metadata(), e.getValue().dimensions(), 0)));
    }

    private static Map<String, Row> normalised(Map<String, Row> rows) {
        return rows.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new Row(normal(e.getValue().metadata()), e.getValue().dimensions(), e.getValue().position())));
    }

    /** Metadata in one canonical JSON text (keys sorted: jsonb reorders them), null for none; idempotent. */
    private static String normal(String metadata) {
        if (metadata == null) {
            return null;
        }
        JsonNode node = JSON.readTree(metadata);
        if (node.isNull()) {
            return null;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        ObjectNode canonical = JSON.createObjectNode();
        sorted.forEach(canonical::set);
        return canonical.toString();
    }
}
