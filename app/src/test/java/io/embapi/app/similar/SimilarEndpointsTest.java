package io.embapi.app.similar;

import static io.embapi.app.ProblemAssertions.assertBadRequest;
import static io.embapi.app.ProblemAssertions.assertNotFound;
import static io.embapi.app.ProblemAssertions.assertProblem;
import static io.embapi.app.ProblemAssertions.assertSystemReadOnly;
import static io.embapi.app.ProblemAssertions.assertUnauthorized;
import static io.embapi.app.ProblemAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The similarity endpoints (spec §4.5 and the reference's similars_test.go) against the real server. */
class SimilarEndpointsTest extends ApiTestSupport {

    static final String Q = "[-0.02085085,0.01852216,0.05327000,0.07138438,0.02000308]";
    static final String PREFIX = "https%3A%2F%2Fid.salamanca.school%2Ftexts%2FW0001%3A";
    static final String VOL1 = PREFIX + "vol1.1.1.1.1";
    static final String VOL12 = PREFIX + "vol1.2";
    static final String VOL2 = PREFIX + "vol2";

    private String owner;
    private String key;

    @BeforeEach
    void referenceSetup() {
        owner = unique("sim");
        key = createUser(owner);
        assertThat(call("PUT", "/v1/llm-instances/" + owner + "/embedding1", key, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"model\":\"embed-test1\",\"dimensions\":5}").status())
                .isEqualTo(201);
        assertThat(call("PUT", "/v1/projects/" + owner + "/test1", key, "{\"project_handle\":\"test1\","
                + "\"instance_owner\":\"" + owner + "\",\"instance_handle\":\"embedding1\"}").status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/projects/" + owner + "/test2", key, "{\"project_handle\":\"test2\"}").status())
                .isEqualTo(201);
        assertThat(upload("test1", item(VOL1, Q, "{\"author\":\"Immanuel Kant\"}"),
                item(VOL12, Q, "{\"author\":\"Immanuel Kant\"}"),
                item(VOL2, Q, "{\"author\":\"Immanuel Other\"}")).status()).isEqualTo(201);
    }

    static String item(String textId, String vector, String metadata) {
        int dimensions = vector.split(",").length;
        return "{\"text_id\":\"" + textId + "\",\"instance_handle\":\"embedding1\",\"text\":\"a document\","
                + "\"vector\":" + vector + ",\"vector_dim\":" + dimensions
                + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}";
    }

    private Response upload(String project, String... items) {
        return call("POST", "/v1/embeddings/" + owner + "/" + project, key,
                "{\"embeddings\":[" + String.join(",", items) + "]}");
    }

    private String similars(String project) {
        return "/v1/similars/" + owner + "/" + project;
    }

    static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        for (JsonNode result : response.json().get("results")) {
            ids.add(result.get("id").stringValue());
        }
        return ids;
    }

    static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- the reference's catalogue (similars_test.go) --------------------------------------------------------

    @Test
    void similarToAStoredDocumentAnswersTheReferencesBody() {
        Response response = call("GET", similars("test1") + "/" + VOL1, key, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user_handle\":\"" + owner + "\",\"project_handle\":\"test1\","
                + "\"results\":[{\"id\":\"" + VOL12 + "\",\"similarity\":1},{\"id\":\"" + VOL2
                + "\",\"similarity\":1}]}");
    }

    @Test
    void theMetadataExclusionDropsDocumentsWithThatValue() {
        Response get = call("GET", similars("test1") + "/" + VOL1 + "?metadata_path=author&metadata_value="
                + "Immanuel%20Kant", key, null);
        assertThat(ids(get)).containsExactly(VOL2);
        Response post = call("POST", similars("test1") + "?metadata_path=author&metadata_value=Immanuel%20Kant",
                key, "{\"vector\":" + Q + "}");
        assertThat(ids(post)).containsExactly(VOL2);
        // The value is compared trimmed, and documents without the key are kept.
        upload("test1", item("no-author", Q, "{\"year\":1781}"), item("padded", Q, "{\"author\":\"  Immanuel Kant \"}"));
        Response again = call("POST", similars("test1") + "?metadata_path=author&metadata_value=%20Immanuel%20Kant",
                key, "{\"vector\":" + Q + "}");
        assertThat(ids(again)).containsExactly(VOL2, "no-author");
    }

    @Test
    void similarToAVectorIncludesEveryDocumentOfTheProject() {
        Response response = call("POST", similars("test1"), key, "{\"vector\":" + Q + "}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(VOL1, VOL12, VOL2);
        assertThat(response.json().get("results").get(0).get("similarity").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void theReferencesErrorsComeWithItsMessages() {
        assertBadRequest(call("POST", similars("test1"), key, "{\"vector\":[1,2,3]}"),
                "vector dimension mismatch: expected 5 dimensions, got 3");
        assertBadRequest(call("POST", similars("test1"), key, "{\"vector\":[1,2,3,4,5,6,7]}"),
                "vector dimension mismatch: expected 5 dimensions, got 7");
        assertNotFound(call("POST", similars("nonexistent"), key, "{\"vector\":" + Q + "}"),
                "user " + owner + "'s project nonexistent not found");
        assertBadRequest(call("POST", similars("test2"), key, "{\"vector\":" + Q + "}"),
                "project does not have an associated LLM service instance");
        assertBadRequest(call("POST", similars("test1") + "?metadata_path=author", key, "{\"vector\":" + Q + "}"),
                "metadata_path is set but metadata_value is not");
        assertBadRequest(call("POST", similars("test1") + "?metadata_value=Immanuel%20Kant", key,
                "{\"vector\":" + Q + "}"), "metadata_value is set but metadata_path is not");
        assertBadRequest(call("GET", similars("test1") + "/" + VOL1 + "?metadata_path=author", key, null),
                "metadata_path is set but metadata_value is not");
        assertNotFound(call("GET", "/v1/similars/nobody-" + owner.substring(4) + "/test1/" + VOL1, ADMIN_KEY, null),
                "user nobody-" + owner.substring(4) + " not found");
        assertNotFound(call("GET", similars("nonexistent") + "/" + VOL1, key, null),
                "user " + owner + "'s project nonexistent not found");
        assertNotFound(call("GET", similars("test1") + "/missing", key, null),
                "no embeddings found for user " + owner + ", project test1, id missing.");
        assertNotFound(call("GET", similars("test1") + "/" + VOL1 + "?threshold=1&metadata_path=author"
                + "&metadata_value=Immanuel%20Kant&offset=1", key, null), "no similar items found");
    }

    @Test
    void theSystemUserIsReadOnlyAndUnknownCallersAreRefused() {
        assertSystemReadOnly(call("POST", "/v1/similars/_system/test1", ADMIN_KEY, "{\"vector\":[1.0,2.0,3.0]}"));
        assertSystemReadOnly(call("GET", "/v1/similars/_system/test1/some-text-id", ADMIN_KEY, null));
        assertUnauthorized(call("GET", similars("test1") + "/" + VOL1, null, null));
        assertUnauthorized(call("POST", similars("test1"), "garbage", "{\"vector\":" + Q + "}"));
        User stranger = newUser("str");
        assertUnauthorized(call("POST", similars("test1"), stranger.key(), "{\"vector\":" + Q + "}"));
    }

    @Test
    void readersEditorsAndAnonymousCallersOfPublicProjectsMaySearch() {
        User reader = newUser("rdr");
        User editor = newUser("edt");
        assertThat(call("POST", "/v1/projects/" + owner + "/test1/share", key, "{\"share_with_handle\":\""
                + reader.handle() + "\",\"role\":\"reader\"}").status()).isEqualTo(201);
        assertThat(call("POST", "/v1/projects/" + owner + "/test1/share", key, "{\"share_with_handle\":\""
                + editor.handle() + "\",\"role\":\"editor\"}").status()).isEqualTo(201);
        assertThat(call("GET", similars("test1") + "/" + VOL1, reader.key(), null).status()).isEqualTo(200);
        assertThat(call("POST", similars("test1"), editor.key(), "{\"vector\":" + Q + "}").status()).isEqualTo(200);
        assertThat(call("POST", similars("test1"), ADMIN_KEY, "{\"vector\":" + Q + "}").status()).isEqualTo(200);
        assertThat(call("PATCH", "/v1/projects/" + owner + "/test1", key, "{\"public_read\":true}").status())
                .isEqualTo(201);
        assertThat(call("GET", similars("test1") + "/" + VOL1, null, null).status()).isEqualTo(200);
        assertThat(call("POST", similars("test1"), null, "{\"vector\":" + Q + "}").status()).isEqualTo(200);
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    /** Five documents at decreasing similarity to {@code [1,0,0,0,0]}. */
    private void graded() {
        upload("test1", item("g1", "[1,0,0,0,0]", null), item("g2", "[1,0.2,0,0,0]", null),
                item("g3", "[1,0.5,0,0,0]", null), item("g4", "[1,1,0,0,0]", null), item("g5", "[0,1,0,0,0]", null));
    }

    @Test
    void limitCountOffsetAndThresholdShapeThePage() {
        graded();
        String base = similars("test1") + "/g1?";
        assertThat(ids(call("GET", base + "threshold=0.6", key, null))).containsExactly("g2", "g3", "g4");
        assertThat(ids(call("GET", base + "threshold=0.6&limit=2", key, null))).containsExactly("g2", "g3");
        assertThat(ids(call("GET", base + "threshold=0.6&count=1&limit=5", key, null))).containsExactly("g2");
        assertThat(ids(call("GET", base + "threshold=0.6&offset=1", key, null))).containsExactly("g3", "g4");
        assertThat(ids(call("GET", base + "threshold=0", key, null))).containsExactly("g2", "g3", "g4", "g5");
        // cos([1,0..],[1,1,0..]) = 0.7071...: inclusive threshold at the stored (half precision) value.
        JsonNode g4 = call("GET", base + "threshold=0.6", key, null).json().get("results").get(2);
        double exact = g4.get("similarity").doubleValue();
        assertThat(exact).isCloseTo(0.7071, org.assertj.core.data.Offset.offset(0.001));
        assertThat(ids(call("GET", base + "threshold=" + exact, key, null))).containsExactly("g2", "g3", "g4");
        assertThat(ids(call("GET", base + "threshold=" + Math.nextUp(exact), key, null)))
                .containsExactly("g2", "g3");
        assertThat(ids(call("POST", similars("test1") + "?threshold=0.99", key, "{\"vector\":[1,0,0,0,0]}")))
                .containsExactly("g1");
    }

    @Test
    void outOfRangeParametersAre422() {
        String base = similars("test1") + "/" + VOL1;
        assertValidationError(call("GET", base + "?limit=0", key, null), "expected number >= 1", "query.limit");
        assertValidationError(call("GET", base + "?limit=201", key, null), "expected number <= 200", "query.limit");
        assertValidationError(call("GET", base + "?count=0", key, null), "expected number >= 1", "query.count");
        assertValidationError(call("GET", base + "?count=201", key, null), "expected number <= 200", "query.count");
        assertValidationError(call("GET", base + "?offset=-1", key, null), "expected number >= 0", "query.offset");
        assertValidationError(call("GET", base + "?threshold=-0.1", key, null), "expected number >= 0",
                "query.threshold");
        assertValidationError(call("POST", similars("test1") + "?threshold=1.5", key, "{\"vector\":" + Q + "}"),
                "expected number <= 1", "query.threshold");
        assertValidationError(call("GET", base + "?threshold=abc", key, null), "expected number", "query.threshold");
        assertNotFound(call("GET", base + "?offset=2147483647&limit=200", key, null), "no similar items found");
        assertValidationError(call("GET", base + "?offset=2147483648", key, null), "expected number <= 2147483647",
                "query.offset");
        assertValidationError(call("POST", similars("test1"), key, "{\"vector\":" + Q + ",\"vector_dim\":5}"),
                "unexpected property", "body.vector_dim");
        assertValidationError(call("POST", similars("test1"), key, "{}"),
                "expected required property vector to be present", "body");
        assertValidationError(call("POST", similars("test1"), key, "{\"vector\":[\"1\",0,0,0,0]}"),
                "expected number", "body.vector[0]");
        assertBadRequest(call("POST", similars("test1"), key, "{\"vector\":[1e6,0,0,0,0]}"),
                "vector has a value beyond half precision at index 0 (|x| must stay below 65520)");
        assertProblem(call("POST", similars("test1"), key, "{\"vector\":[1e39,0,0,0,0]}"), 400,
                "vector has a value beyond half precision at index 0 (|x| must stay below 65520)");
    }

    @Test
    void searchesSeeAnUploadAtOnceAndNothingOfADeletion() {
        upload("test1", item("fresh", "[0.5,0.5,0.5,0.5,0.5]", null));
        assertThat(ids(call("POST", similars("test1") + "?threshold=0.999", key,
                "{\"vector\":[0.5,0.5,0.5,0.5,0.5]}"))).containsExactly("fresh");
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/test1/fresh", key, null).status()).isEqualTo(204);
        assertNotFound(call("POST", similars("test1") + "?threshold=0.999", key,
                "{\"vector\":[0.5,0.5,0.5,0.5,0.5]}"), "no similar items found");
    }

    @Test
    void onlyDocumentsOfTheQueryDimensionsAreCandidates() {
        // The project's instance changes to 3 dimensions; the old 5-d documents stay but are not compared.
        assertThat(call("PUT", "/v1/llm-instances/" + owner + "/small", key, "{\"instance_handle\":\"small\","
                + "\"api_standard\":\"openai\",\"dimensions\":3}").status()).isEqualTo(201);
        assertThat(call("PATCH", "/v1/projects/" + owner + "/test1", key, "{\"instance_handle\":\"small\"}").status())
                .isEqualTo(201);
        assertThat(upload("test1", "{\"text_id\":\"three\",\"instance_handle\":\"small\",\"vector\":[1,0,0],"
                + "\"vector_dim\":3}").status()).isEqualTo(201);
        assertThat(ids(call("POST", similars("test1") + "?threshold=0", key, "{\"vector\":[1,0,0]}")))
                .containsExactly("three");
        assertThat(ids(call("GET", similars("test1") + "/" + VOL1, key, null))).containsExactly(VOL12, VOL2);
    }
}
