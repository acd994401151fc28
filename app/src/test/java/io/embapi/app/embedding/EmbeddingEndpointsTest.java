package io.embapi.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The embeddings endpoints against the real server and PostgreSQL + pgvector. */
class EmbeddingEndpointsTest extends ApiTestSupport {

    private static final String VECTOR = "[-2.085085e-02,1.852216e-02,5.327000e-02,7.138438e-02,2.000308e-02]";
    private static final String KANT = "https%3A%2F%2Fid.salamanca.school%2Ftexts%2FW0001%3Avol1.1.1.1.1";
    private static final String SCHEMA = "{\\\"type\\\":\\\"object\\\",\\\"properties\\\":{\\\"author\\\":"
            + "{\\\"type\\\":\\\"string\\\"},\\\"year\\\":{\\\"type\\\":\\\"integer\\\"}},\\\"required\\\":[\\\"author\\\"]}";

    private String owner;
    private String ownerKey;
    private String project;

    @BeforeEach
    void project() {
        owner = unique("emb");
        ownerKey = createUser(owner);
        assertThat(call("PUT", "/v1/llm-instances/" + owner + "/embedding1", ownerKey,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":5}").status()).isEqualTo(201);
        project = "test1";
        assertThat(call("PUT", "/v1/projects/" + owner + "/" + project, ownerKey,
                "{\"project_handle\":\"test1\",\"instance_handle\":\"embedding1\",\"metadataScheme\":\"" + SCHEMA
                        + "\"}").status()).isEqualTo(201);
    }

    private static String item(String textId, String text, String vector, int dim, String metadata) {
        return "{\"text_id\":\"" + textId + "\",\"instance_handle\":\"embedding1\"" + (text == null ? ""
                : ",\"text\":\"" + text + "\"") + ",\"vector\":" + vector + ",\"vector_dim\":" + dim
                + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}";
    }

    private Response upload(String key, String... items) {
        return call("POST", "/v1/embeddings/" + owner + "/" + project, key,
                "{\"embeddings\":[" + String.join(",", items) + "]}");
    }

    private String path() {
        return "/v1/embeddings/" + owner + "/" + project;
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    @Test
    void anUploadAnswersTheIdsAndIsReadableAtOnceInHalfPrecision() {
        Response uploaded = upload(ownerKey, item(KANT, "This is a test document", VECTOR, 5,
                "{\"author\":\"Immanuel Kant\"}"));
        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(uploaded.json().get("ids").get(0).stringValue()).isEqualTo(KANT);
        assertThat(uploaded.header("X-Embapi-Consistency")).isEqualTo("synced");

        JsonNode record = call("GET", path() + "/" + KANT, ownerKey, null).json();
        assertThat(record.get("text_id").stringValue()).isEqualTo(KANT);
        assertThat(record.get("user_handle").stringValue()).isEqualTo(owner);
        assertThat(record.get("instance_handle").stringValue()).isEqualTo("embedding1");
        assertThat(record.get("vector_dim").intValue()).isEqualTo(5);
        assertThat(record.get("vector").toString())
                .isEqualTo("[-0.020843506,0.01852417,0.05328369,0.07141113,0.020004272]");
        assertThat(record.get("metadata").get("author").stringValue()).isEqualTo("Immanuel Kant");
        assertThat(call("GET", "/v1/projects/" + owner + "/" + project, ownerKey, null).json()
                .get("number_of_embeddings").longValue()).isEqualTo(1);
    }

    @Test
    void theEventKeepsFullPrecisionInABinaryEncoding() {
        upload(ownerKey, item("precise", null, VECTOR, 5, "{\"author\":\"A\"}"));
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype = 'io.embapi.shared.embedding.EmbeddingsUpsertedEvent' "
                + "AND convert_from(payload, 'UTF8') LIKE '%\"precise\"%'", String.class);
        JsonNode record = JSON.readTree(payload).get("embeddings").get(0);
        float[] decoded = io.embapi.shared.vector.VectorCodec.decode(record.get("vector").stringValue());
        assertThat(decoded).containsExactly(-2.085085e-02f, 1.852216e-02f, 5.327000e-02f, 7.138438e-02f,
                2.000308e-02f);
    }

    @Test
    void aBatchWithOneBadItemStoresNothingAndLeavesTheHistoryUnchanged() {
        long before = events();
        Response response = upload(ownerKey, item("good-1", null, VECTOR, 5, "{\"author\":\"A\"}"),
                item("bad-2", null, VECTOR, 5, "{\"year\":1781}"),
                item("good-3", null, VECTOR, 5, "{\"author\":\"C\"}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue())
                .startsWith("metadata validation failed for text_id 'bad-2': metadata validation failed:")
                .contains("author");
        assertThat(events()).isEqualTo(before);
        assertThat(call("GET", path() + "/good-1", ownerKey, null).status()).isEqualTo(404);
        assertThat(call("GET", path(), ownerKey, null).status()).isEqualTo(404);
    }

    @Test
    void theReferencesChecksAndMessagesApplyInOrder() {
        assertThat(upload(ownerKey, "{\"text_id\":\"x1\",\"instance_handle\":\"other\",\"vector\":" + VECTOR
                + ",\"vector_dim\":5}").json().get("detail").stringValue()).isEqualTo("Instance handle 'other' for "
                + "embedding with text_id 'x1' does not match the instance handle 'embedding1' connected to project '"
                + owner + "/test1'");
        assertThat(upload(ownerKey, item("x2", null, "[]", 5, null)).json().get("detail").stringValue())
                .isEqualTo("Dimension validation failed for input x2: vector cannot be empty for text_id 'x2'");
        assertThat(upload(ownerKey, item("x3", null, VECTOR, 3072, null)).json().get("detail").stringValue())
                .isEqualTo("Dimension validation failed for input x3: vector dimension mismatch: embedding declares "
                        + "3072 dimensions but LLM service instance 'embedding1' expects 5 dimensions");
        assertThat(upload(ownerKey, item("x4", null, "[1,2,3]", 5, null)).json().get("detail").stringValue())
                .isEqualTo("Dimension validation failed for input x4: vector length mismatch for text_id 'x4': "
                        + "actual vector has 3 elements but vector_dim declares 5");
        assertThat(upload(ownerKey, item("x5", null, VECTOR, 5, null)).json().get("detail").stringValue())
                .isEqualTo("metadata validation failed for text_id 'x5': metadata is required when project has a "
                        + "metadata schema defined");
        Response overflow = upload(ownerKey, item("x6", null, "[1e39,0,0,0,0]", 5, "{\"author\":\"A\"}"));
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.json().get("detail").stringValue()).contains("not a finite float32");
        Response beyondHalf = upload(ownerKey, item("x8", null, "[65520,0,0,0,0]", 5, "{\"author\":\"A\"}"));
        assertThat(beyondHalf.status()).isEqualTo(400);
        assertThat(beyondHalf.json().get("detail").stringValue()).isEqualTo("Dimension validation failed for input "
                + "x8: vector for text_id 'x8' has a value beyond half precision (|x| must stay below 65520): vectors "
                + "are stored and searched as halfvec");
        assertThat(upload(ownerKey, item("x9", null, "[65519,0,0,0,0]", 5, "{\"author\":\"A\"}")).status())
                .isEqualTo(201);
        Response wrongType = upload(ownerKey, item("x7", null, "[\"1\",0,0,0,0]", 5, "{\"author\":\"A\"}"));
        assertThat(wrongType.status()).isEqualTo(422);
    }

    @Test
    void anUpdateMergesMetadataKeepsTextAndKeepsMetadataWhenAbsent() {
        upload(ownerKey, item("doc", "first text", VECTOR, 5, "{\"author\":\"A\",\"year\":1781}"));
        upload(ownerKey, item("doc", null, VECTOR, 5, "{\"year\":null,\"extra\":\"x\"}"));
        JsonNode merged = call("GET", path() + "/doc", ownerKey, null).json();
        assertThat(merged.get("text").stringValue()).isEqualTo("first text");
        assertThat(merged.get("metadata").has("year")).isFalse();
        assertThat(merged.get("metadata").get("author").stringValue()).isEqualTo("A");
        assertThat(merged.get("metadata").get("extra").stringValue()).isEqualTo("x");

        upload(ownerKey, item("doc", "second text", VECTOR, 5, null));
        JsonNode kept = call("GET", path() + "/doc", ownerKey, null).json();
        assertThat(kept.get("text").stringValue()).isEqualTo("second text");
        assertThat(kept.get("metadata").get("author").stringValue()).isEqualTo("A");
    }

    @Test
    void listingPagesByTextIdAndDeletesAreVisibleAtOnce() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(item(String.format(Locale.ROOT, "doc-%02d", i), null, VECTOR, 5, "{\"author\":\"A\"}"));
        }
        assertThat(upload(ownerKey, items.toArray(String[]::new)).status()).isEqualTo(201);
        JsonNode first = call("GET", path(), ownerKey, null).json().get("embeddings");
        assertThat(first).hasSize(20);
        assertThat(first.get(0).get("text_id").stringValue()).isEqualTo("doc-00");
        JsonNode second = call("GET", path() + "?limit=10&offset=20", ownerKey, null).json().get("embeddings");
        assertThat(second).hasSize(5);
        assertThat(second.get(4).get("text_id").stringValue()).isEqualTo("doc-24");
        assertThat(call("GET", path() + "?limit=201", ownerKey, null).status()).isEqualTo(422);

        assertThat(call("DELETE", path() + "/doc-03", ownerKey, null).status()).isEqualTo(204);
        assertThat(call("GET", path() + "/doc-03", ownerKey, null).status()).isEqualTo(404);
        assertThat(call("DELETE", path() + "/doc-03", ownerKey, null).json().get("detail").stringValue())
                .isEqualTo("no embeddings found for user " + owner + ", project test1, id doc-03.");
        assertThat(call("DELETE", path(), ownerKey, null).status()).isEqualTo(204);
        assertThat(call("GET", path(), ownerKey, null).json().get("detail").stringValue())
                .isEqualTo("no embeddings found for user " + owner + ", project test1.");
    }

    @Test
    void editorsWriteReadersAndThePublicOnlyRead() {
        String editor = unique("ed");
        String editorKey = createUser(editor);
        String reader = unique("rd");
        String readerKey = createUser(reader);
        call("POST", "/v1/projects/" + owner + "/" + project + "/share", ownerKey,
                "{\"share_with_handle\":\"" + editor + "\",\"role\":\"editor\"}");
        call("POST", "/v1/projects/" + owner + "/" + project + "/share", ownerKey,
                "{\"share_with_handle\":\"" + reader + "\",\"role\":\"reader\"}");

        assertThat(upload(editorKey, item("by-editor", null, VECTOR, 5, "{\"author\":\"E\"}")).status())
                .isEqualTo(201);
        assertThat(upload(readerKey, item("by-reader", null, VECTOR, 5, "{\"author\":\"R\"}")).status())
                .isEqualTo(401);
        assertThat(call("GET", path() + "/by-editor", readerKey, null).status()).isEqualTo(200);
        assertThat(call("DELETE", path() + "/by-editor", readerKey, null).status()).isEqualTo(401);
        assertThat(call("GET", path(), null, null).status()).isEqualTo(401);

        call("PATCH", "/v1/projects/" + owner + "/" + project, ownerKey, "{\"public_read\":true}");
        assertThat(call("GET", path(), null, null).status()).isEqualTo(200);
        assertThat(upload(null, item("by-anyone", null, VECTOR, 5, "{\"author\":\"P\"}")).status()).isEqualTo(401);
        assertThat(call("DELETE", path() + "/by-editor", editorKey, null).status()).isEqualTo(204);
    }

    @Test
    void embeddingsMoveWithATransferAndGoWithTheProject() {
        upload(ownerKey, item("kept", null, VECTOR, 5, "{\"author\":\"A\"}"));
        String heir = unique("heir");
        String heirKey = createUser(heir);
        assertThat(call("POST", "/v1/projects/" + owner + "/" + project + "/transfer-ownership", ownerKey,
                "{\"new_owner_handle\":\"" + heir + "\"}").status()).isEqualTo(200);
        JsonNode moved = call("GET", "/v1/embeddings/" + heir + "/" + project + "/kept", heirKey, null).json();
        assertThat(moved.get("user_handle").stringValue()).isEqualTo(heir);
        assertThat(call("GET", "/v1/projects/" + heir + "/" + project, heirKey, null).json()
                .get("number_of_embeddings").longValue()).isEqualTo(1);

        assertThat(call("DELETE", "/v1/projects/" + heir + "/" + project, heirKey, null).status()).isEqualTo(204);
        long projectId = moved.get("project_id").longValue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_registry WHERE project_id = ?", Long.class,
                projectId)).isZero();
    }

    @Test
    void deletingTheOwnerRemovesTheEmbeddingsOfItsProjects() {
        upload(ownerKey, item("owned", null, VECTOR, 5, "{\"author\":\"A\"}"));
        long projectId = call("GET", path() + "/owned", ownerKey, null).json().get("project_id").longValue();
        assertThat(call("DELETE", "/v1/users/" + owner, ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_registry WHERE project_id = ?", Long.class,
                projectId)).isZero();
    }

    @Test
    void theReferencesNotFoundAndInstanceMessagesAreKept() {
        String bare = "bare1";
        call("PUT", "/v1/projects/" + owner + "/" + bare, ownerKey, "{\"project_handle\":\"bare1\"}");
        assertThat(call("POST", "/v1/embeddings/" + owner + "/" + bare, ownerKey, "{\"embeddings\":["
                + item("x", null, VECTOR, 5, null) + "]}").json().get("detail").stringValue())
                .isEqualTo("Cannot access LLM Service Instance specified in the project " + owner + "/bare1: the "
                        + "project has no LLM service instance");
        assertThat(call("POST", "/v1/embeddings/" + owner + "/nothere", ownerKey, "{\"embeddings\":[]}").json()
                .get("detail").stringValue()).isEqualTo("Project " + owner + "/nothere not found: no rows in result set");
        assertThat(call("POST", "/v1/embeddings/ghost-user/test1", ADMIN_KEY, "{\"embeddings\":[]}").json()
                .get("detail").stringValue()).isEqualTo("User ghost-user does not exist: no rows in result set");
        assertThat(call("POST", path(), ownerKey, "{\"embeddings\":[]}").json().get("ids")).isEmpty();
        assertThat(upload(ownerKey, item("", null, VECTOR, 5, null)).json().get("detail").stringValue())
                .isEqualTo("Dimension validation failed for input : text_id cannot be empty");
        assertThat(call("GET", "/v1/embeddings/" + owner + "/nothere", ownerKey, null).json().get("detail")
                .stringValue()).isEqualTo("user " + owner + "'s project nothere not found");
        assertThat(call("GET", "/v1/embeddings/" + owner + "/nothere/x", ownerKey, null).json().get("detail")
                .stringValue()).isEqualTo(owner + "'s project nothere not found");
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/nothere", ownerKey, null).json().get("detail")
                .stringValue()).isEqualTo(owner + "'s project nothere not found");
        assertThat(call("POST", "/v1/embeddings/_system/test1", ADMIN_KEY, "{\"embeddings\":[]}").status())
                .isEqualTo(403);
    }
}
