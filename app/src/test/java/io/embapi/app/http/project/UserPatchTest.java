package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/users/{user_handle}} (spec §1.4, as decided for this port): admin only, an RFC 7396 merge patch
 * onto the stored name and e-mail, validated like PUT, the key and the handle untouched.
 */
class UserPatchTest extends ProjectTestSupport {

    private Response patch(String user, String key, String patch) {
        return send("PATCH", "/v1/users/" + user, key, patch, MERGE_PATCH);
    }

    private JsonNode user(String handle) {
        return call("GET", "/v1/users/" + handle, ADMIN_KEY, null).json();
    }

    @Test
    void patchingTheNameAnswersNotChangedForTheKey() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "{\"name\":\"New\"}");

        assertThat(response.status()).isEqualTo(201);
        assertSynced(response);
        assertThat(response.json()).isEqualTo(json(object("user_handle", alice.handle(), "embapi_key",
                "not changed")));
    }

    @Test
    void patchingTheNameChangesOnlyTheName() {
        User alice = newUser("alice");
        JsonNode before = user(alice.handle());

        patch(alice.handle(), ADMIN_KEY, "{\"name\":\"New\"}");

        JsonNode after = user(alice.handle());
        assertThat(after.get("name").stringValue()).isEqualTo("New");
        assertThat(after.get("email").stringValue()).isEqualTo(alice.handle() + "@example.org");
        assertThat(after.get("embapi_key").stringValue()).isEqualTo(before.get("embapi_key").stringValue());
    }

    @Test
    void theOldKeyStillWorksAfterAPatch() {
        User alice = newUser("alice");

        patch(alice.handle(), ADMIN_KEY, "{\"name\":\"New\"}");

        Response own = call("GET", "/v1/users/" + alice.handle(), alice.key(), null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("name").stringValue()).isEqualTo("New");
    }

    @Test
    void patchingTheEmailKeepsTheName() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, object("email", "new." + alice.handle() + "@example.org"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode after = user(alice.handle());
        assertThat(after.get("email").stringValue()).isEqualTo("new." + alice.handle() + "@example.org");
        assertThat(after.get("name").stringValue()).isEqualTo(alice.handle() + " Doe");
    }

    @Test
    void plainJsonIsAcceptedAsAMergePatch() {
        User alice = newUser("alice");

        Response response = send("PATCH", "/v1/users/" + alice.handle(), ADMIN_KEY, "{\"name\":\"Plain\"}",
                "application/json");

        assertThat(response.status()).isEqualTo(201);
        assertThat(user(alice.handle()).get("name").stringValue()).isEqualTo("Plain");
    }

    @Test
    void nullNameRemovesTheName() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "{\"name\":null}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(user(alice.handle()).has("name")).isFalse();
    }

    @Test
    void aDifferentHandleIsABadRequest() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "{\"user_handle\":\"other\"}");

        assertBadRequest(response, "the user handle cannot be changed by PATCH");
        assertThat(user(alice.handle()).get("user_handle").stringValue()).isEqualTo(alice.handle());
    }

    @Test
    void anInvalidEmailIsAValidationErrorAndChangesNothing() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "{\"email\":\"bad\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("validation failed");
        assertThat(response.json().get("errors").get(0).get("location").stringValue()).isEqualTo("body.email");
        assertThat(user(alice.handle()).get("email").stringValue()).isEqualTo(alice.handle() + "@example.org");
    }

    @Test
    void removingTheRequiredEmailIsAValidationError() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "{\"email\":null}");

        assertValidationError(response, "expected required property email to be present", "body");
    }

    @Test
    void anUnknownPropertyIsAValidationError() {
        User alice = newUser("alice");

        assertValidationError(patch(alice.handle(), ADMIN_KEY, "{\"age\":42}"), "unexpected property", "body.age");
    }

    @Test
    void aNonObjectPatchIsAValidationError() {
        User alice = newUser("alice");

        Response response = patch(alice.handle(), ADMIN_KEY, "\"New\"");

        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void patchingAnUnknownUserIsNotFound() {
        String ghost = unique("ghost");

        assertNotFound(patch(ghost, ADMIN_KEY, "{\"name\":\"New\"}"), "user " + ghost + " not found");
        assertThat(call("GET", "/v1/users/" + ghost, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void theUserCannotPatchItselfWithItsOwnKey() {
        User alice = newUser("alice");

        assertUnauthorized(patch(alice.handle(), alice.key(), "{\"name\":\"Self\"}"));
        assertThat(user(alice.handle()).get("name").stringValue()).isEqualTo(alice.handle() + " Doe");
    }

    @Test
    void patchingWithoutAKeyIsUnauthorized() {
        User alice = newUser("alice");

        assertUnauthorized(patch(alice.handle(), null, "{\"name\":\"Anon\"}"));
    }

    @Test
    void theSystemUserCannotBePatched() {
        assertProblem(patch("_system", ADMIN_KEY, "{\"name\":\"Hacked\"}"), 403, "Forbidden", SYSTEM_READ_ONLY);
        assertThat(user("_system").get("name").stringValue()).isEqualTo("System User");
    }

    @Test
    void aPatchKeepsTheUsersProjects() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        patch(alice.handle(), ADMIN_KEY, "{\"name\":\"New\"}");

        assertThat(getProject(alice.handle(), "project1", alice.key()).status()).isEqualTo(200);
        assertThat(user(alice.handle()).get("projects")).hasSize(1);
    }
}
