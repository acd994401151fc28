package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH /v1/api-standards/{h}} (spec §1.4, as decided for this port): an RFC 7396 merge patch onto the stored
 * standard, validated and saved like PUT and answered like PUT (201); admin only; the handle cannot change.
 */
class ApiStandardPatchTest extends ApiStandardTestSupport {

    @Test
    void patchingTheDescriptionChangesOnlyTheDescription() {
        String handle = unique("pd");
        create(handle, "Old", "custom_header", "X-Key");

        Response response = patch(handle, ADMIN_KEY, "{\"description\":\"New\"}");

        assertSaved(response, handle);
        assertStandard(handle, "New", "custom_header", "X-Key");
    }

    @Test
    void patchingKeyMethodAndKeyFieldKeepsTheDescription() {
        String handle = unique("pk");
        create(handle, "Kept", "auth_bearer", "Authorization");

        Response response = patch(handle, ADMIN_KEY, "{\"key_method\":\"query_param\",\"key_field\":\"key\"}");

        assertSaved(response, handle);
        assertStandard(handle, "Kept", "query_param", "key");
    }

    @Test
    void plainJsonIsAcceptedAsAMergePatch() {
        String handle = unique("pj");
        create(handle, "Old", "auth_bearer", "Authorization");

        Response response = send("PATCH", path(handle), ADMIN_KEY, "{\"key_field\":\"X-Api-Key\"}",
                "application/json");

        assertSaved(response, handle);
        assertStandard(handle, "Old", "auth_bearer", "X-Api-Key");
    }

    @Test
    void repeatingTheUnchangedHandleInThePatchIsAllowed() {
        String handle = unique("ph");
        create(handle, "Old", "auth_bearer", "Authorization");

        Response response = patch(handle, ADMIN_KEY, object("api_standard_handle", handle, "description", "New"));

        assertSaved(response, handle);
        assertStandard(handle, "New", "auth_bearer", "Authorization");
    }

    @Test
    void anEmptyPatchKeepsEverything() {
        String handle = unique("pe");
        create(handle, "Same", "body_form", "api_key");

        Response response = patch(handle, ADMIN_KEY, "{}");

        assertThat(response.status()).as("status of %s", response).isEqualTo(201);
        assertStandard(handle, "Same", "body_form", "api_key");
    }

    @Test
    void aSeededStandardCanBePatchedAndRestored() {
        try {
            Response response = patch("openai", ADMIN_KEY, "{\"description\":\"Patched OpenAI\"}");

            assertSaved(response, "openai");
            assertStandard("openai", "Patched OpenAI", "auth_bearer", "Authorization");
        } finally {
            restoreOpenAi();
        }
    }

    // ---- rejected patches --------------------------------------------------------------------------------------

    @Test
    void changingTheHandleIsABadRequest() {
        String handle = unique("pc");
        String other = unique("other");
        create(handle, "Old", "auth_bearer", "Authorization");

        Response response = patch(handle, ADMIN_KEY, object("api_standard_handle", other, "description", "New"));

        assertBadRequest(response, "the API standard handle cannot be changed by PATCH");
        assertStandard(handle, "Old", "auth_bearer", "Authorization");
        assertStandardNotFound(get(other), other);
    }

    @Test
    void patchingAnUnknownStandardIsNotFound() {
        String handle = unique("nosuch");

        assertStandardNotFound(patch(handle, ADMIN_KEY, "{\"description\":\"New\"}"), handle);
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void patchingADeletedStandardIsNotFound() {
        String handle = createNew("pdel", "Gone soon");
        assertThat(delete(handle, ADMIN_KEY).status()).isEqualTo(204);

        assertStandardNotFound(patch(handle, ADMIN_KEY, "{\"description\":\"New\"}"), handle);
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void aPatchThatIsNoObjectIsUnprocessable() {
        String handle = createNew("pn", "Untouched");

        for (String patch : List.of("[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"x\"}]",
                "\"description\"", "42", "null")) {
            Response response = patch(handle, ADMIN_KEY, patch);

            assertValidationFailed(response);
        }
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    @Test
    void anUnknownKeyMethodIsUnprocessable() {
        String handle = createNew("pm", "Untouched");

        Response response = patch(handle, ADMIN_KEY, "{\"key_method\":\"bearer\"}");

        assertValidationErrors(response, errors(error(KEY_METHOD_ONE_OF, "body.key_method", quoted("bearer"))));
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    @Test
    void anUnknownPropertyIsUnprocessable() {
        String handle = createNew("pu", "Untouched");

        Response response = patch(handle, ADMIN_KEY, "{\"foo\":\"bar\"}");

        assertValidationFailed(response);
        assertThat(errorMessages(response)).contains("unexpected property @ body.foo");
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    @Test
    void removingARequiredPropertyIsUnprocessable() {
        String handle = createNew("pr", "Untouched");

        Response response = patch(handle, ADMIN_KEY, "{\"key_field\":null}");

        assertValidationFailed(response);
        assertThat(errorMessages(response)).contains("expected required property key_field to be present @ body");
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    // ---- authorization ----------------------------------------------------------------------------------------

    @Test
    void onlyTheAdminMayPatch() {
        String handle = createNew("pa", "Untouched");
        String userKey = createUser(unique("alice"));

        assertUnauthorized(patch(handle, null, "{\"description\":\"x\"}"));
        assertUnauthorized(patch(handle, "", "{\"description\":\"x\"}"));
        assertUnauthorized(patch(handle, "not-the-admin-key", "{\"description\":\"x\"}"));
        assertUnauthorized(patch(handle, userKey, "{\"description\":\"x\"}"));
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    // ---- event store -------------------------------------------------------------------------------------------

    @Test
    void aPatchAppendsOneSavedEventWithTheMergedDefinition() {
        String handle = unique("pev");
        create(handle, "Old", "custom_header", "X-Key");

        patch(handle, ADMIN_KEY, "{\"description\":\"Merged description\"}");

        List<StoredEvent> events = events(handle);
        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED, SAVED);
        assertThat(events.get(1).payload()).contains("Merged description", "custom_header", "X-Key");
        assertThat(events.get(1).metadataJson().get("actor").stringValue()).isEqualTo("admin");
    }

    @Test
    void rejectedPatchesAppendNoEvents() {
        String handle = createNew("prj", "Untouched");

        patch(handle, null, "{\"description\":\"x\"}");
        patch(handle, ADMIN_KEY, "{\"api_standard_handle\":\"someother\"}");
        patch(handle, ADMIN_KEY, "{\"key_method\":\"bearer\"}");
        patch(handle, ADMIN_KEY, "[]");

        assertThat(events(handle)).hasSize(1);
    }
}
