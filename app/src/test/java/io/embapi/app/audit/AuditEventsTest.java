package io.embapi.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import io.embapi.platform.security.ApiKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/audit/events} and its NDJSON export over a small, known history: each filter, cursor paging, the
 * export's completeness, vectors summarised, personal data opened, and no secret in any output.
 */
class AuditEventsTest extends ApiTestSupport {

    private static final String VECTOR = "[0.123456,0.654321,0.111111]";

    private String owner;
    private String firstKey;
    private String ownerKey;
    private String providerKey;
    private String auditorKey;

    /** A user (created by the admin) who rotates the key, makes an instance with a provider key and a project. */
    @BeforeEach
    void history() {
        owner = unique("hist");
        firstKey = createUser(owner);
        ownerKey = call("POST", "/v1/users/" + owner + "/keys/rotate", firstKey, null).json().get("embapi_key")
                .stringValue();
        providerKey = "sk-provider-" + owner + "-secret";
        assertThat(call("PUT", "/v1/llm-instances/" + owner + "/embedding1", ownerKey, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":3,\"api_key\":\"" + providerKey + "\"}")
                .status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/projects/" + owner + "/proj1", ownerKey,
                "{\"project_handle\":\"proj1\",\"instance_handle\":\"embedding1\"}").status()).isEqualTo(201);
        assertThat(call("POST", "/v1/embeddings/" + owner + "/proj1", ownerKey, "{\"embeddings\":["
                + "{\"text_id\":\"doc-1\",\"instance_handle\":\"embedding1\",\"vector\":" + VECTOR
                + ",\"vector_dim\":3},{\"text_id\":\"doc-2\",\"instance_handle\":\"embedding1\",\"vector\":" + VECTOR
                + ",\"vector_dim\":3,\"text\":\"two\"}]}").status()).isEqualTo(201);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/proj1/doc-1", ownerKey, null).status())
                .isEqualTo(204);
        auditorKey = call("POST", "/v1/admin/auditors", ADMIN_KEY, "{\"auditor_handle\":\"" + unique("hista")
                + "\"}").json().get("auditor_key").stringValue();
    }

    private Response get(String query) {
        return call("GET", "/v1/audit/events" + query, auditorKey, null);
    }

    /** Every entry matching {@code filters}, paged with {@code limit} along next_cursor. */
    private List<JsonNode> all(String filters, int limit) {
        List<JsonNode> entries = new ArrayList<>();
        Long cursor = 0L;
        while (cursor != null) {
            Response page = get("?limit=" + limit + "&after=" + cursor + (filters.isEmpty() ? "" : "&" + filters));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("events").forEach(entries::add);
            JsonNode next = page.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.longValue();
        }
        return entries;
    }

    private static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("type").stringValue()).toList();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void resourceFilterFollowsUsersProjectsEmbeddingsAndInstances() {
        List<JsonNode> user = all("resource=user:" + owner, 100);
        assertThat(types(user)).containsExactly("UserRegisteredEvent", "UserKeyRotatedEvent");
        JsonNode registered = user.get(0);
        assertThat(registered.get("resource").stringValue()).isEqualTo("user:" + owner);
        assertThat(registered.get("actor").stringValue()).isEqualTo("admin");
        assertThat(registered.get("actor_type").stringValue()).isEqualTo("admin");
        assertThat(registered.get("request_id").stringValue()).isNotBlank();
        assertThat(registered.get("revision").stringValue()).isEqualTo("1");
        assertThat(registered.get("payload").get("personalData").get("name").stringValue()).isEqualTo(owner + " Doe");
        assertThat(registered.get("payload").get("personalData").get("email").stringValue())
                .isEqualTo(owner + "@example.org");
        assertThat(registered.get("payload").get("keyHash").stringValue()).isEqualTo("redacted");
        assertThat(user.get(1).get("actor").stringValue()).isEqualTo(owner);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(types(all("resource=" + enc("project:" + owner + "/proj1"), 100))).containsExactly(
                        "ProjectCreatedEvent", "EmbeddingsUpsertedEvent", "EmbeddingDeletedEvent"));
        long projectId = all("resource=" + enc("project:" + owner + "/proj1"), 100).get(0).get("payload")
                .get("projectId").longValue();
        assertThat(types(all("resource=project:" + projectId, 100))).containsExactly(
                "ProjectCreatedEvent", "EmbeddingsUpsertedEvent", "EmbeddingDeletedEvent");
        assertThat(types(all("resource=" + enc(owner + "/proj1/doc-1"), 100)))
                .containsExactly("EmbeddingsUpsertedEvent", "EmbeddingDeletedEvent");
        assertThat(types(all("resource=" + enc("embedding:" + owner + "/proj1/doc-2"), 100)))
                .containsExactly("EmbeddingsUpsertedEvent");
        List<JsonNode> instance = all("resource=" + enc("instance:" + owner + "/embedding1"), 100);
        assertThat(types(instance)).containsExactly("InstanceCreatedEvent");
        assertThat(instance.get(0).get("payload").get("apiKey").toString()).isEqualTo("{\"sealed\":true}");
        assertThat(all("resource=user:" + unique("nobody"), 100)).isEmpty();
    }

    @Test
    void actorTypeAndTimeFilters() {
        List<JsonNode> mine = all("actor=" + owner, 100);
        assertThat(mine).allSatisfy(e -> assertThat(e.get("actor").stringValue()).isEqualTo(owner));
        assertThat(types(mine)).containsExactly("UserKeyRotatedEvent", "InstanceCreatedEvent", "ProjectCreatedEvent",
                "EmbeddingsUpsertedEvent", "EmbeddingDeletedEvent");

        List<JsonNode> rotations = all("actor=" + owner + "&type=UserKeyRotatedEvent", 100);
        assertThat(rotations).hasSize(1);
        List<JsonNode> registrations = all("type=UserRegisteredEvent", 1000);
        assertThat(registrations).allSatisfy(e -> assertThat(e.get("type").stringValue())
                .isEqualTo("UserRegisteredEvent"));
        assertThat(registrations).anySatisfy(e -> assertThat(e.get("resource").stringValue())
                .isEqualTo("user:" + owner));

        String pivot = mine.get(2).get("time").stringValue();
        List<JsonNode> fromPivot = all("actor=" + owner + "&from=" + pivot, 100);
        List<JsonNode> beforePivot = all("actor=" + owner + "&to=" + pivot, 100);
        assertThat(fromPivot).allSatisfy(e -> assertThat(e.get("time").stringValue()).isGreaterThanOrEqualTo(pivot));
        assertThat(beforePivot).allSatisfy(e -> assertThat(e.get("time").stringValue()).isLessThan(pivot));
        assertThat(types(fromPivot)).contains("ProjectCreatedEvent");
        assertThat(fromPivot.size() + beforePivot.size()).isEqualTo(mine.size());
        assertThat(all("actor=" + owner + "&from=" + enc("2999-01-01T00:00:00+01:00"), 100)).isEmpty();
        assertThat(all("actor=" + owner + "&to=2000-01-01T00:00:00Z", 100)).isEmpty();
    }

    @Test
    void cursorPagesHaveNoDuplicatesAndNoGaps() {
        List<Long> oneGo = all("", 1000).stream().map(e -> e.get("position").longValue()).toList();
        List<Long> paged = all("", 7).stream().map(e -> e.get("position").longValue()).toList();
        assertThat(paged).isEqualTo(oneGo).doesNotHaveDuplicates().isSorted();
        long[] store = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE globalindex <= ? "
                + "ORDER BY globalindex", Long.class, oneGo.get(oneGo.size() - 1)).stream()
                .mapToLong(Long::longValue).toArray();
        assertThat(oneGo).containsExactly(java.util.Arrays.stream(store).boxed().toArray(Long[]::new));

        List<Long> mine = all("actor=" + owner, 2).stream().map(e -> e.get("position").longValue()).toList();
        assertThat(mine).hasSize(5).doesNotHaveDuplicates().isSorted();
        Response full = get("?actor=" + owner + "&limit=5");
        assertThat(full.json().get("next_cursor").longValue()).isEqualTo(mine.get(4));
        Response rest = get("?actor=" + owner + "&limit=5&after=" + mine.get(4));
        assertThat(rest.json().get("events")).isEmpty();
        assertThat(rest.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void theExportStreamsExactlyTheFilteredEntries() {
        for (String filters : List.of("actor=" + owner, "resource=user:" + owner, "")) {
            List<JsonNode> paged = all(filters, 1000);
            Response export = call("GET", "/v1/audit/events/export?" + filters, auditorKey, null);
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
            List<JsonNode> lines = export.body().lines().map(JSON::readTree).toList();
            assertThat(lines).as(filters).hasSize(paged.size()).isEqualTo(paged);
        }
        Response after = call("GET", "/v1/audit/events/export?actor=" + owner + "&after="
                + all("actor=" + owner, 100).get(2).get("position").longValue(), ADMIN_KEY, null);
        assertThat(after.body().lines().count()).isEqualTo(2);
    }

    @Test
    void vectorsAreSummarisedAndNoSecretAppearsInAnyOutput() {
        List<JsonNode> batch = all("actor=" + owner + "&type=EmbeddingsUpsertedEvent", 100);
        JsonNode embeddings = batch.get(0).get("payload").get("embeddings");
        assertThat(embeddings).hasSize(2);
        for (JsonNode embedding : embeddings) {
            JsonNode vector = embedding.get("vector");
            assertThat(vector.isObject()).isTrue();
            assertThat(vector.get("dimensions").intValue()).isEqualTo(3);
            assertThat(vector.get("sha256").stringValue()).matches("[0-9a-f]{64}");
        }
        assertThat(embeddings.get(0).get("vector")).isEqualTo(embeddings.get(1).get("vector"));
        assertThat(embeddings.get(1).get("text").stringValue()).isEqualTo("two");
        String storedVector = JSON.readTree(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM "
                + "domainevententry WHERE globalindex = ?", String.class, batch.get(0).get("position").longValue()))
                .get("embeddings").get(0).get("vector").stringValue();

        String everything = call("GET", "/v1/audit/events/export", auditorKey, null).body();
        String page = get("?limit=1000").body();
        for (String output : List.of(everything, page)) {
            assertThat(output).contains(owner).doesNotContain("0.123456").doesNotContain("0.654321")
                    .doesNotContain(storedVector);
            for (String secret : List.of(ADMIN_KEY, ENCRYPTION_KEY, firstKey, ownerKey, providerKey, auditorKey,
                    ApiKeys.hash(firstKey), ApiKeys.hash(ownerKey), ApiKeys.hash(auditorKey))) {
                assertThat(output).doesNotContain(secret);
            }
        }
    }

    @Test
    void badFiltersAreProblems() {
        assertProblem("?from=yesterday", "query.from");
        assertProblem("?to=2026-13-01T00:00:00Z", "query.to");
        assertProblem("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "query.to");
        assertProblem("?limit=0", "query.limit");
        assertProblem("?limit=1001", "query.limit");
        assertProblem("?after=-1", "query.after");
        assertProblem("?after=abc", "query.after");
        assertProblem("?resource=nonsense", "query.resource");
        assertProblem("?type=Bad.Type", "query.type");
        Response export = call("GET", "/v1/audit/events/export?from=never", auditorKey, null);
        assertThat(export.status()).isEqualTo(422);
        assertThat(export.header("Content-Type")).startsWith("application/problem+json");
    }

    private void assertProblem(String query, String location) {
        Response response = get(query);
        assertThat(response.status()).as(query).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("location").stringValue()).isEqualTo(location);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("SELECT");
    }
}
