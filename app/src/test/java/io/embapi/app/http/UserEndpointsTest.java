package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The user endpoints' happy paths and their documented failures (spec §4.2, §7.3): create, update, read, delete,
 * key rotation, and read-your-writes after every write.
 */
class UserEndpointsTest extends HttpTestSupport {

    // ---- PUT /v1/users/{user_handle} -------------------------------------------------------------------------

    @Test
    void putCreatesAUserAndShowsItsNew64HexKeyOnce() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("user_handle", "embapi_key");
        assertThat(body.get("user_handle").stringValue()).isEqualTo(alice);
        assertThat(body.get("embapi_key").stringValue()).matches(KEY_FORMAT);
    }

    @Test
    void everyNewUserGetsADifferentKey() {
        String first = createUser(unique("alice"));
        String second = createUser(unique("alice"));

        assertThat(first).matches(KEY_FORMAT).isNotEqualTo(second);
        assertThat(second).matches(KEY_FORMAT);
    }

    @Test
    void createdUserCanBeReadImmediatelyWithTheHashOfItsKey() {
        String alice = unique("alice");
        Response created = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice Doe", alice + "@foo.bar"));
        String key = created.json().get("embapi_key").stringValue();

        Response read = call("GET", "/v1/users/" + alice, ADMIN_KEY, null);

        assertThat(created.header(CONSISTENCY)).isEqualTo("synced");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(json(object("user_handle", alice, "name", "Alice Doe",
                "email", alice + "@foo.bar", "embapi_key", sha256(key))));
        assertThat(read.body()).doesNotContain(key);
    }

    @Test
    void rePutKeepsTheKeyAndUpdatesNameAndEmail() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response update = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice Renamed", alice + "@new.example.org"));

        assertThat(update.status()).isEqualTo(201);
        assertThat(update.header(CONSISTENCY)).isEqualTo("synced");
        assertThat(update.json()).isEqualTo(json(object("user_handle", alice, "embapi_key", "not changed")));
        JsonNode read = call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json();
        assertThat(read.get("name").stringValue()).isEqualTo("Alice Renamed");
        assertThat(read.get("email").stringValue()).isEqualTo(alice + "@new.example.org");
        assertThat(read.get("embapi_key").stringValue()).isEqualTo(sha256(key));
        assertThat(call("GET", "/v1/users/" + alice, key, null).status()).isEqualTo(200);
    }

    @Test
    void rePutWithoutANameBlanksTheName() {
        String alice = unique("alice");
        createUser(alice);

        Response update = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, null, alice + "@example.org"));

        assertThat(update.status()).isEqualTo(201);
        JsonNode read = call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json();
        assertThat(read.has("name")).as("empty name is omitted: %s", read).isFalse();
        assertThat(read.get("email").stringValue()).isEqualTo(alice + "@example.org");
    }

    @Test
    void putWithDifferentHandlesInPathAndBodyIsABadRequest() {
        String alice = unique("alice");
        String bob = unique("bob");

        Response response = call("PUT", "/v1/users/" + bob, ADMIN_KEY,
                userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 400, "Bad Request",
                "user handle in URL (" + bob + ") does not match user handle in body (" + alice + ").");
        assertThat(call("GET", "/v1/users/" + bob, ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void readOnlyFieldsInTheBodyAreAcceptedAndIgnored() {
        String alice = unique("alice");
        String body = object("user_handle", alice, "name", "Alice Doe", "email", alice + "@foo.bar",
                "embapi_key", "chosen-by-the-client", "projects", List.of(), "instances", List.of());

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, body);

        assertThat(response.status()).isEqualTo(201);
        String key = response.json().get("embapi_key").stringValue();
        assertThat(key).matches(KEY_FORMAT);
        assertThat(call("GET", "/v1/users/" + alice, "chosen-by-the-client", null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users/" + alice, key, null).status()).isEqualTo(200);
    }

    @Test
    void emailUsedByAnotherUserIsAConflictRegardlessOfCase() {
        String alice = unique("alice");
        String bob = unique("bob");
        createUser(alice);

        Response response = call("PUT", "/v1/users/" + bob, ADMIN_KEY,
                userBody(bob, "Bob", (alice + "@EXAMPLE.org").toUpperCase()));

        assertProblemShape(response, 409, "Conflict");
        assertThat(call("GET", "/v1/users/" + bob, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void emailTakenOverOnUpdateIsAConflictAndChangesNothing() {
        String alice = unique("alice");
        String bob = unique("bob");
        createUser(alice);
        createUser(bob);

        Response response = call("PUT", "/v1/users/" + bob, ADMIN_KEY, userBody(bob, "Bob", alice + "@example.org"));

        assertProblemShape(response, 409, "Conflict");
        assertThat(call("GET", "/v1/users/" + bob, ADMIN_KEY, null).json().get("email").stringValue())
                .isEqualTo(bob + "@example.org");
    }

    @Test
    void aUserMayKeepItsOwnEmailWithDifferentCase() {
        String alice = unique("alice");
        createUser(alice);

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice", alice.toUpperCase() + "@Example.org"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json().get("email").stringValue())
                .isEqualTo(alice.toUpperCase() + "@Example.org");
    }

    @Test
    void anEmailFreedByDeletingItsUserCanBeUsedAgain() {
        String alice = unique("alice");
        String bob = unique("bob");
        createUser(alice);
        assertThat(call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(204);

        Response response = call("PUT", "/v1/users/" + bob, ADMIN_KEY, userBody(bob, "Bob", alice + "@example.org"));

        assertThat(response.status()).isEqualTo(201);
    }

    // ---- POST /v1/users --------------------------------------------------------------------------------------

    @Test
    void postCreatesAUserWithTheHandleFromTheBody() {
        String carol = unique("carol");

        Response response = call("POST", "/v1/users", ADMIN_KEY, userBody(carol, "Carol", carol + "@example.org"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header(CONSISTENCY)).isEqualTo("synced");
        assertThat(response.json().get("user_handle").stringValue()).isEqualTo(carol);
        String key = response.json().get("embapi_key").stringValue();
        assertThat(key).matches(KEY_FORMAT);
        Response read = call("GET", "/v1/users/" + carol, key, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").stringValue()).isEqualTo("Carol");
    }

    @Test
    void postForAnExistingUserUpdatesItAndSaysNotChanged() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response response = call("POST", "/v1/users", ADMIN_KEY, userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).isEqualTo(json(object("user_handle", alice, "embapi_key", "not changed")));
        JsonNode read = call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json();
        assertThat(read.get("email").stringValue()).isEqualTo(alice + "@foo.bar");
        assertThat(read.get("embapi_key").stringValue()).isEqualTo(sha256(key));
    }

    // ---- GET /v1/users/{user_handle} -------------------------------------------------------------------------

    @Test
    void unknownUserIsNotFoundForTheAdmin() {
        Response response = call("GET", "/v1/users/alfons", ADMIN_KEY, null);

        assertProblem(response, 404, "Not Found", "user alfons not found");
    }

    @Test
    void userCanReadItsOwnDetails() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response response = call("GET", "/v1/users/" + alice, key, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json(object("user_handle", alice, "name", alice + " Doe",
                "email", alice + "@example.org", "embapi_key", sha256(key))));
    }

    @Test
    void systemUserCanBeReadByTheAdmin() {
        Response response = call("GET", "/v1/users/_system", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("user_handle").stringValue()).isEqualTo("_system");
        assertThat(body.get("name").stringValue()).isEqualTo("System User");
        assertThat(body.get("email").stringValue()).isEqualTo("system@embapi.internal");
    }

    // ---- DELETE /v1/users/{user_handle} ----------------------------------------------------------------------

    @Test
    void adminDeletesAUserWithAnEmpty204() {
        String alice = unique("alice");
        createUser(alice);

        Response response = call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header(CONSISTENCY)).isEqualTo("synced");
        assertProblem(call("GET", "/v1/users/" + alice, ADMIN_KEY, null), 404, "Not Found",
                "user " + alice + " not found");
    }

    @Test
    void userDeletesItselfAndItsKeyStopsWorking() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response response = call("DELETE", "/v1/users/" + alice, key, null);

        assertThat(response.status()).isEqualTo(204);
        assertProblem(call("GET", "/v1/users/" + alice, key, null), 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void deletedUserDisappearsFromTheList() {
        String alice = unique("alice");
        createUser(alice);

        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        assertThat(allUsers()).noneMatch(u -> u.get("user_handle").stringValue().equals(alice));
    }

    @Test
    void deletingAnUnknownUserIsNotFound() {
        Response response = call("DELETE", "/v1/users/alfons", ADMIN_KEY, null);

        assertProblem(response, 404, "Not Found", "user alfons not found");
    }

    @Test
    void deletingTwiceIsNotFoundTheSecondTime() {
        String alice = unique("alice");
        createUser(alice);
        assertThat(call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(204);

        Response response = call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        assertProblem(response, 404, "Not Found", "user " + alice + " not found");
    }

    @Test
    void aDeletedHandleCanBeCreatedAgainWithANewKey() {
        String alice = unique("alice");
        String oldKey = createUser(alice);
        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        Response recreated = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice Again", alice + "@again.example.org"));

        assertThat(recreated.status()).isEqualTo(201);
        String newKey = recreated.json().get("embapi_key").stringValue();
        assertThat(newKey).matches(KEY_FORMAT).isNotEqualTo(oldKey);
        assertThat(call("GET", "/v1/users/" + alice, oldKey, null).status()).isEqualTo(401);
        Response read = call("GET", "/v1/users/" + alice, newKey, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").stringValue()).isEqualTo("Alice Again");
        assertThat(read.json().get("embapi_key").stringValue()).isEqualTo(sha256(newKey));
    }

    // ---- POST /v1/users/{user_handle}/keys/rotate ------------------------------------------------------------

    @Test
    void rotationByTheOwnerIssuesANewKeyAndRevokesTheOldOneAtOnce() {
        String alice = unique("alice");
        String oldKey = createUser(alice);

        Response response = call("POST", "/v1/users/" + alice + "/keys/rotate", oldKey, null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("user_handle", "embapi_key");
        assertThat(body.get("user_handle").stringValue()).isEqualTo(alice);
        String newKey = body.get("embapi_key").stringValue();
        assertThat(newKey).matches(KEY_FORMAT).isNotEqualTo(oldKey);
        assertProblem(call("GET", "/v1/users/" + alice, oldKey, null), 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, newKey, null).status()).isEqualTo(200);
    }

    @Test
    void rotationByTheAdminChangesTheStoredHash() {
        String alice = unique("alice");
        String oldKey = createUser(alice);

        Response response = call("POST", "/v1/users/" + alice + "/keys/rotate", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        String newKey = response.json().get("embapi_key").stringValue();
        assertThat(newKey).matches(KEY_FORMAT).isNotEqualTo(oldKey);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json().get("embapi_key").stringValue())
                .isEqualTo(sha256(newKey));
        assertThat(call("GET", "/v1/users/" + alice, oldKey, null).status()).isEqualTo(401);
    }

    @Test
    void rotatingTheKeyOfAnUnknownUserIsNotFound() {
        Response response = call("POST", "/v1/users/alfons/keys/rotate", ADMIN_KEY, null);

        assertProblem(response, 404, "Not Found", "user alfons not found");
    }

    @Test
    void rotatingTheKeyOfADeletedUserIsNotFound() {
        String alice = unique("alice");
        createUser(alice);
        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        Response response = call("POST", "/v1/users/" + alice + "/keys/rotate", ADMIN_KEY, null);

        assertProblem(response, 404, "Not Found", "user " + alice + " not found");
    }

    @Test
    void reCreatingAnExistingUserAfterRotationDoesNotRestoreTheOldKey() {
        String alice = unique("alice");
        String oldKey = createUser(alice);
        String newKey = call("POST", "/v1/users/" + alice + "/keys/rotate", oldKey, null).json()
                .get("embapi_key").stringValue();

        Response update = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, "A", alice + "@example.org"));

        assertThat(update.json().get("embapi_key").stringValue()).isEqualTo("not changed");
        assertThat(call("GET", "/v1/users/" + alice, oldKey, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users/" + alice, newKey, null).status()).isEqualTo(200);
    }
}
