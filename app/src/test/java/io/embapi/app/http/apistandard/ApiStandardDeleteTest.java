package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /v1/api-standards/{h}} (spec §4.8, §7.2 items 6 and 7): admin only, 204 with an empty body, 404 for
 * unknown standards, and refused (400) while an LLM service definition uses the standard.
 */
class ApiStandardDeleteTest extends ApiStandardTestSupport {

    private static String inUse(String handle) {
        return "cannot delete API standard " + handle + " because it is still in use by one or more LLM service "
                + "definitions. Please update or delete those definitions first.";
    }

    @Test
    void deletingAStandardRemovesIt() {
        String handle = createNew("del", "To be deleted");

        Response response = delete(handle, ADMIN_KEY);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertSynced(response);
        assertStandardNotFound(get(handle), handle);
        assertThat(allHandles()).doesNotContain(handle);
    }

    @Test
    void referenceStep6DeletingAnUnknownStandardIsNotFound() {
        assertStandardNotFound(delete("wrongpath", ADMIN_KEY), "wrongpath");
    }

    @Test
    void deletingAFreshUnknownHandleIsNotFound() {
        String handle = unique("nosuch");

        assertStandardNotFound(delete(handle, ADMIN_KEY), handle);
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void deletingTwiceIsNotFoundTheSecondTime() {
        String handle = createNew("twice", "Deleted twice");
        assertThat(delete(handle, ADMIN_KEY).status()).isEqualTo(204);

        assertStandardNotFound(delete(handle, ADMIN_KEY), handle);
    }

    @Test
    void aDeletedHandleCanBeCreatedAgainWithNewContent() {
        String handle = createNew("again", "First life");
        assertThat(delete(handle, ADMIN_KEY).status()).isEqualTo(204);

        Response response = put(handle, ADMIN_KEY, body(handle, "Second life", "query_param", "key"));

        assertSaved(response, handle);
        assertStandard(handle, "Second life", "query_param", "key");
        assertThat(allHandles()).contains(handle);
    }

    @Test
    void aDeletedHandleCanBeCreatedAgainWithTheSameContentAndWithPost() {
        String handle = createNew("same", "Same content");
        assertThat(delete(handle, ADMIN_KEY).status()).isEqualTo(204);

        Response response = call("POST", "/v1/api-standards", ADMIN_KEY,
                body(handle, "Same content", "auth_bearer", "Authorization"));

        assertSaved(response, handle);
        assertStandard(handle, "Same content", "auth_bearer", "Authorization");
    }

    // ---- in use by a definition ----------------------------------------------------------------------------------

    @Test
    void aStandardUsedByADefinitionCannotBeDeleted() {
        String handle = createNew("used", "In use");
        long definition = insertDefinitionUsing(handle);
        try {
            Response response = delete(handle, ADMIN_KEY);

            assertBadRequest(response, inUse(handle));
            assertStandard(handle, "In use", "auth_bearer", "Authorization");
            assertThat(events(handle)).extracting(StoredEvent::type).containsExactly(SAVED);
        } finally {
            removeDefinition(definition);
        }
    }

    @Test
    void onceTheDefinitionIsGoneTheStandardCanBeDeleted() {
        String handle = createNew("freed", "Freed later");
        long definition = insertDefinitionUsing(handle);
        try {
            assertBadRequest(delete(handle, ADMIN_KEY), inUse(handle));
        } finally {
            removeDefinition(definition);
        }

        Response response = delete(handle, ADMIN_KEY);

        assertThat(response.status()).isEqualTo(204);
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void aStandardInUseCanStillBeReplaced() {
        String handle = createNew("usedrep", "In use");
        long definition = insertDefinitionUsing(handle);
        try {
            assertSaved(put(handle, ADMIN_KEY, body(handle, "Replaced while in use", "auth_bearer", "X")), handle);
            assertStandard(handle, "Replaced while in use", "auth_bearer", "X");
        } finally {
            removeDefinition(definition);
        }
    }

    @Test
    void theUnknownCheckComesFirstForAnUnknownStandard() {
        String handle = unique("ghost");
        long definition = insertDefinitionUsing(handle);
        try {
            assertStandardNotFound(delete(handle, ADMIN_KEY), handle);
        } finally {
            removeDefinition(definition);
        }
    }

    // ---- authorization ----------------------------------------------------------------------------------------

    @Test
    void onlyTheAdminMayDelete() {
        String handle = createNew("auth", "Protected");
        String userKey = createUser(unique("alice"));

        assertUnauthorized(delete(handle, null));
        assertUnauthorized(delete(handle, ""));
        assertUnauthorized(delete(handle, "not-the-admin-key"));
        assertUnauthorized(delete(handle, userKey));
        assertStandard(handle, "Protected", "auth_bearer", "Authorization");
    }

    @Test
    void aUserCannotDeleteASeededStandard() {
        String userKey = createUser(unique("alice"));

        assertUnauthorized(delete("openai", userKey));
        assertUnauthorized(delete("gemini", null));
        assertStandard("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
        assertStandard("gemini", GEMINI_DESCRIPTION, "auth_bearer", "x-goog-api-key");
    }

    @Test
    void authenticationIsCheckedBeforeExistence() {
        assertUnauthorized(delete(unique("nosuch"), null));
        assertUnauthorized(delete("wrongpath", "not-the-admin-key"));
    }
}
