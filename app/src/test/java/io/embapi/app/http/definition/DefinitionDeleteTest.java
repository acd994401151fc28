package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /v1/llm-definitions/{u}/{d}} (spec §4.6.5), the API-standard in-use guard (§4.8, §10) and what
 * deleting a user does to its definitions and shares.
 */
class DefinitionDeleteTest extends DefinitionTestSupport {

    private Response delete(String owner, String definition, String key) {
        return call("DELETE", definitionPath(owner, definition), key, null);
    }

    @Test
    void theOwnerDeletesADefinition() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");

        Response response = delete(alice.handle(), "def1", alice.key());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertSynced(response);
        assertNotFound(getDefinition(alice.handle(), "def1", alice.key()),
                "llm definition " + alice.handle() + "/def1 not found");
        assertThat(listed(listDefinitions(alice.handle(), alice.key()))).doesNotContain(alice.handle() + "/def1");
    }

    @Test
    void theAdminDeletesADefinition() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");

        assertThat(delete(alice.handle(), "def1", ADMIN_KEY).status()).isEqualTo(204);
        assertNotFound(getDefinition(alice.handle(), "def1", ADMIN_KEY),
                "llm definition " + alice.handle() + "/def1 not found");
    }

    @Test
    void deletingAMissingDefinitionIsNotFound() {
        User alice = newUser("alice");

        assertNotFound(delete(alice.handle(), "nothing", alice.key()),
                "definition " + alice.handle() + "/nothing not found");
        assertNotFound(delete(alice.handle(), "nothing", ADMIN_KEY),
                "definition " + alice.handle() + "/nothing not found");
    }

    @Test
    void deletingTwiceIsNotFoundTheSecondTime() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");
        assertThat(delete(alice.handle(), "def1", alice.key()).status()).isEqualTo(204);

        assertNotFound(delete(alice.handle(), "def1", alice.key()),
                "definition " + alice.handle() + "/def1 not found");
    }

    @Test
    void theAdminDeletingForAMissingUserIsNotFound() {
        String ghost = unique("ghost");

        assertNotFound(delete(ghost, "def1", ADMIN_KEY), "user " + ghost + " not found");
    }

    @Test
    void aDeletedHandleCanBeCreatedAgainUnderANewId() {
        User alice = newUser("alice");
        long first = createDefinition(alice.handle(), alice.key(), "def1", "model", "old");
        delete(alice.handle(), "def1", alice.key());

        long second = createDefinition(alice.handle(), alice.key(), "def1", "model", "new");

        assertThat(second).isGreaterThanOrEqualTo(5).isNotEqualTo(first);
        Response read = getDefinition(alice.handle(), "def1", alice.key());
        assertThat(read.json().get("definition_id").longValue()).isEqualTo(second);
        assertThat(read.json().get("model").stringValue()).isEqualTo("new");
    }

    @Test
    void sharesDoNotSurviveDeletionAndReCreation() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());
        delete(alice.handle(), "def1", alice.key());

        createDefinition(alice.handle(), alice.key(), "def1");

        assertThat(sharedWith(alice.handle(), "def1", alice.key()).json()).isEqualTo(json("[]"));
        assertUnauthorized(getDefinition(alice.handle(), "def1", bob.key()));
        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).doesNotContain(alice.handle() + "/def1");
    }

    @Test
    void aSharedUserCannotDelete() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertUnauthorized(delete(alice.handle(), "def1", bob.key()));
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).status()).isEqualTo(200);
    }

    // ---- API standards in use ------------------------------------------------------------------------------

    @Test
    void anApiStandardInUseCannotBeDeletedUntilItsDefinitionsAreGone() {
        User alice = newUser("alice");
        String standard = unique("std");
        Response created = call("PUT", "/v1/api-standards/" + standard, ADMIN_KEY,
                object("api_standard_handle", standard, "description", "A test standard", "key_method", "auth_bearer",
                        "key_field", "Authorization"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Response put = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_handle", "def1", "api_standard", standard));
        assertThat(put.status()).as("%s", put).isEqualTo(201);

        assertBadRequest(call("DELETE", "/v1/api-standards/" + standard, ADMIN_KEY, null),
                "cannot delete API standard " + standard + " because it is still in use by one or more LLM service "
                        + "definitions. Please update or delete those definitions first.");
        assertThat(call("GET", "/v1/api-standards/" + standard, null, null).status()).isEqualTo(200);

        assertThat(delete(alice.handle(), "def1", alice.key()).status()).isEqualTo(204);
        assertThat(call("DELETE", "/v1/api-standards/" + standard, ADMIN_KEY, null).status()).isEqualTo(204);
    }

    @Test
    void movingTheDefinitionToAnotherStandardFreesTheOldOne() {
        User alice = newUser("alice");
        String standard = unique("std");
        call("PUT", "/v1/api-standards/" + standard, ADMIN_KEY, object("api_standard_handle", standard,
                "description", "A test standard", "key_method", "auth_bearer", "key_field", "Authorization"));
        createDefinition(alice.handle(), alice.key(), "def1");
        call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_handle", "def1", "api_standard", standard));
        assertThat(call("DELETE", "/v1/api-standards/" + standard, ADMIN_KEY, null).status()).isEqualTo(400);

        createDefinition(alice.handle(), alice.key(), "def1");

        assertThat(call("DELETE", "/v1/api-standards/" + standard, ADMIN_KEY, null).status()).isEqualTo(204);
    }

    @Test
    void theSeededStandardsAreInUseByTheSystemDefinitions() {
        Response response = call("DELETE", "/v1/api-standards/gemini", ADMIN_KEY, null);

        assertBadRequest(response, "cannot delete API standard gemini because it is still in use by one or more "
                + "LLM service definitions. Please update or delete those definitions first.");
    }

    // ---- deleting users ------------------------------------------------------------------------------------

    @Test
    void deletingAUserRemovesItsDefinitionsFromTheReads() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1", "is_public", true);
        createDefinition(alice.handle(), alice.key(), "def2");
        shareOk(alice.handle(), "def2", alice.key(), bob.handle());
        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).contains(alice.handle() + "/def2");

        assertThat(call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null).status()).isEqualTo(204);

        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).doesNotContain(alice.handle() + "/def2");
        assertNotFound(getDefinition(alice.handle(), "def1", ADMIN_KEY), "user " + alice.handle() + " not found");
        assertUnauthorized(getDefinition(alice.handle(), "def1", null));
        assertThat(userListEntry(alice.handle())).isNull();
    }

    @Test
    void deletingAUserRemovesItsSharesFromTheReads() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carol = newUser("carol");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());
        shareOk(alice.handle(), "def1", alice.key(), carol.handle());

        assertThat(call("DELETE", "/v1/users/" + bob.handle(), bob.key(), null).status()).isEqualTo(204);

        assertThat(strings(sharedWith(alice.handle(), "def1", alice.key()).json())).containsExactly(carol.handle());
        assertThat(getDefinition(alice.handle(), "def1", carol.key()).status()).isEqualTo(200);
    }

    @Test
    void aUserReCreatedWithTheSameHandleStartsWithoutDefinitions() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");
        call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null);

        String key = createUser(alice.handle());

        assertNotFound(getDefinition(alice.handle(), "def1", key), "llm definition " + alice.handle()
                + "/def1 not found");
        assertThat(listed(listDefinitions(alice.handle(), key))).doesNotContain(alice.handle() + "/def1");
        long id = createDefinition(alice.handle(), key, "def1");
        assertThat(id).isGreaterThanOrEqualTo(5);
    }
}
