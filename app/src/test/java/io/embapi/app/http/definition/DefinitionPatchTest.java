package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/llm-definitions/{u}/{d}} (spec §1.4, Java recommendation): a JSON merge patch onto the stored
 * definition, validated and saved like a PUT, answered like a PUT (201); the handle cannot change.
 */
class DefinitionPatchTest extends DefinitionTestSupport {

    private long createFull(User user, String definition) {
        return createDefinition(user.handle(), user.key(), definition, "endpoint", "https://e.example.org",
                "description", "desc", "model", "m1", "dimensions", 10, "context_limit", 100);
    }

    @Test
    void onlyThePatchedFieldsChange() {
        User alice = newUser("alice");
        long id = createFull(alice, "def1");

        Response response = patch(alice.handle(), "def1", alice.key(), "{\"model\":\"m2\",\"dimensions\":20}");

        assertBrief(response, alice.handle(), "def1", false);
        assertSynced(response);
        assertThat(response.json().get("definition_id").longValue()).isEqualTo(id);
        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(body.get("definition_id").longValue()).isEqualTo(id);
        assertThat(body.get("endpoint").stringValue()).isEqualTo("https://e.example.org");
        assertThat(body.get("description").stringValue()).isEqualTo("desc");
        assertThat(body.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(body.get("model").stringValue()).isEqualTo("m2");
        assertThat(body.get("dimensions").intValue()).isEqualTo(20);
        assertThat(body.get("context_limit").intValue()).isEqualTo(100);
        assertThat(body.has("is_public")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/merge-patch+json", "application/json"})
    void bothContentTypesAreMergePatches(String contentType) {
        User alice = newUser("alice");
        createFull(alice, "def1");

        Response response = send("PATCH", definitionPath(alice.handle(), "def1"), alice.key(),
                "{\"description\":\"patched\"}", contentType);

        assertBrief(response, alice.handle(), "def1", false);
        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(body.get("description").stringValue()).isEqualTo("patched");
        assertThat(body.get("model").stringValue()).isEqualTo("m1");
    }

    @Test
    void patchingIsPublicOpensTheDefinitionToEveryone() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        Response response = patch(alice.handle(), "def1", alice.key(), "{\"is_public\":true}");

        assertBrief(response, alice.handle(), "def1", true);
        Response anonymous = getDefinition(alice.handle(), "def1", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("model").stringValue()).isEqualTo("m1");
    }

    @Test
    void nullRemovesAnOptionalField() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertThat(patch(alice.handle(), "def1", alice.key(), "{\"description\":null,\"dimensions\":null}").status())
                .isEqualTo(201);

        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(body.has("description")).isFalse();
        assertThat(body.has("dimensions")).isFalse();
        assertThat(body.get("model").stringValue()).isEqualTo("m1");
    }

    @Test
    void theAdminMayPatch() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertBrief(patch(alice.handle(), "def1", ADMIN_KEY, "{\"model\":\"by-admin\"}"), alice.handle(), "def1",
                false);
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("model").stringValue())
                .isEqualTo("by-admin");
    }

    @Test
    void theSameHandleInThePatchIsAccepted() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertBrief(patch(alice.handle(), "def1", alice.key(), "{\"definition_handle\":\"def1\",\"model\":\"m3\"}"),
                alice.handle(), "def1", false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"definition_handle\":\"other\"}", "{\"definition_handle\":null}"})
    void theHandleCannotBeChanged(String patch) {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertBadRequest(patch(alice.handle(), "def1", alice.key(), patch),
                "the definition handle cannot be changed by PATCH");
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).status()).isEqualTo(200);
        assertNotFound(getDefinition(alice.handle(), "other", alice.key()),
                "llm definition " + alice.handle() + "/other not found");
    }

    @Test
    void invalidValuesAreRejectedAndChangeNothing() {
        User alice = newUser("alice");
        long id = createFull(alice, "def1");
        int events = definitionEvents(id).size();

        assertValidationError(patch(alice.handle(), "def1", alice.key(), "{\"dimensions\":-1}"),
                "expected number >= 0", "body.dimensions");
        assertValidationError(patch(alice.handle(), "def1", alice.key(), "{\"dimensions\":4001}"),
                "expected number <= 4000", "body.dimensions");
        assertValidationError(patch(alice.handle(), "def1", alice.key(), "{\"context_limit\":-5}"),
                "expected number >= 0", "body.context_limit");
        assertValidationError(patch(alice.handle(), "def1", alice.key(), "{\"foo\":1}"),
                "unexpected property", "body.foo");
        assertValidationError(patch(alice.handle(), "def1", alice.key(), "{\"api_standard\":null}"),
                "expected required property api_standard to be present", "body");

        assertThat(definitionEvents(id)).hasSize(events);
        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(body.get("dimensions").intValue()).isEqualTo(10);
        assertThat(body.get("context_limit").intValue()).isEqualTo(100);
    }

    @Test
    void aNonObjectPatchIsUnprocessable() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertThat(patch(alice.handle(), "def1", alice.key(), "[1,2]").status()).isEqualTo(422);
    }

    @Test
    void anUnknownApiStandardIsABadRequest() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        assertBadRequest(patch(alice.handle(), "def1", alice.key(), "{\"api_standard\":\"nope\"}"),
                "API standard nope not found");
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("api_standard").stringValue())
                .isEqualTo("openai");
    }

    @Test
    void patchingAMissingDefinitionIsNotFound() {
        User alice = newUser("alice");

        assertNotFound(patch(alice.handle(), "nothing", alice.key(), "{\"model\":\"x\"}"),
                "definition " + alice.handle() + "/nothing not found");
        assertNotFound(patch(alice.handle(), "nothing", ADMIN_KEY, "{\"model\":\"x\"}"),
                "definition " + alice.handle() + "/nothing not found");
    }

    @Test
    void aPatchRecordsOneChangeAndAnEmptyPatchNone() {
        User alice = newUser("alice");
        long id = createFull(alice, "def1");

        patch(alice.handle(), "def1", alice.key(), "{\"model\":\"m2\"}");
        Response empty = patch(alice.handle(), "def1", alice.key(), "{}");

        assertThat(empty.status()).isEqualTo(201);
        assertThat(definitionEvents(id)).extracting(StoredEvent::type).containsExactly(CREATED, CHANGED);
        assertThat(definitionEvents(id).get(1).payloadJson().get("spec").get("model").stringValue()).isEqualTo("m2");
    }

    @Test
    void aSharedUserCannotPatch() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createFull(alice, "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertUnauthorized(patch(alice.handle(), "def1", bob.key(), "{\"model\":\"x\"}"));
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("model").stringValue())
                .isEqualTo("m1");
    }

    @Test
    void patchedValuesAppearInTheListBrief() {
        User alice = newUser("alice");
        createFull(alice, "def1");

        patch(alice.handle(), "def1", alice.key(), "{\"is_public\":true}");

        JsonNode entry = entry(listDefinitions(alice.handle(), alice.key()), alice.handle(), "def1");
        assertThat(entry.get("is_public").booleanValue()).isTrue();
        assertThat(List.of(entry.get("number_of_instances").longValue())).containsExactly(0L);
    }
}
