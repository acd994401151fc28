package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who may call the user endpoints (spec §2.1, §2.4, §2.5, §2.6, §7.3): admin-only writes, admin-or-owner reads,
 * deletes and rotations, the exact 401 body, and the read-only {@code _system} account.
 */
class UserAuthorizationTest extends HttpTestSupport {

    // ---- 401 ------------------------------------------------------------------------------------------------

    @Test
    void putWithAWrongKeyIsUnauthorized() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, "not-the-admin-key",
                userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void putWithAnEmptyBearerTokenIsUnauthorized() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, "", userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void putWithoutAuthorizationHeaderIsUnauthorized() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, null, userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void aUserCannotCreateOrUpdateUsersWithItsOwnKey() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response own = call("PUT", "/v1/users/" + alice, key, userBody(alice, "Changed", alice + "@example.org"));
        Response other = call("PUT", "/v1/users/" + unique("bob"), key, userBody("ignored", "B", "b@example.org"));

        assertProblem(own, 401, "Unauthorized", AUTH_FAILED);
        assertProblem(other, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json().get("name").stringValue())
                .isEqualTo(alice + " Doe");
    }

    @Test
    void postWithAWrongKeyIsUnauthorized() {
        String alice = unique("alice");

        Response response = call("POST", "/v1/users", "not-the-admin-key",
                userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void postWithAnEmptyBearerTokenIsUnauthorized() {
        String alice = unique("alice");

        Response response = call("POST", "/v1/users", "", userBody(alice, "Alice Doe", alice + "@foo.bar"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void postWithAUserKeyIsUnauthorized() {
        String key = createUser(unique("alice"));
        String bob = unique("bob");

        Response response = call("POST", "/v1/users", key, userBody(bob, "Bob", bob + "@example.org"));

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void listingUsersNeedsTheAdminKey() {
        String key = createUser(unique("alice"));

        assertProblem(call("GET", "/v1/users", key, null), 401, "Unauthorized", AUTH_FAILED);
        assertProblem(call("GET", "/v1/users", "", null), 401, "Unauthorized", AUTH_FAILED);
        assertProblem(call("GET", "/v1/users", null, null), 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void aUserCannotReadAnotherUser() {
        String alice = unique("alice");
        createUser(alice);
        String bobKey = createUser(unique("bob"));

        Response response = call("GET", "/v1/users/" + alice, bobKey, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void aNonAdminAskingForAnUnknownUserGetsUnauthorizedNotNotFound() {
        String key = createUser(unique("alice"));

        Response response = call("GET", "/v1/users/alfons", key, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void aUserCannotDeleteAnotherUser() {
        String alice = unique("alice");
        createUser(alice);
        String bobKey = createUser(unique("bob"));

        Response response = call("DELETE", "/v1/users/" + alice, bobKey, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void deletingWithoutAKeyIsUnauthorized() {
        String alice = unique("alice");
        createUser(alice);

        Response response = call("DELETE", "/v1/users/" + alice, "", null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void aUserCannotRotateAnotherUsersKey() {
        String alice = unique("alice");
        String aliceKey = createUser(alice);
        String bobKey = createUser(unique("bob"));

        Response response = call("POST", "/v1/users/" + alice + "/keys/rotate", bobKey, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, aliceKey, null).status()).isEqualTo(200);
    }

    @Test
    void rotatingWithoutAKeyIsUnauthorized() {
        String alice = unique("alice");
        String aliceKey = createUser(alice);

        Response response = call("POST", "/v1/users/" + alice + "/keys/rotate", null, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
        assertThat(call("GET", "/v1/users/" + alice, aliceKey, null).status()).isEqualTo(200);
    }

    @Test
    void theStoredHashIsNotAcceptedAsAKey() {
        String alice = unique("alice");
        String key = createUser(alice);

        Response response = call("GET", "/v1/users/" + alice, sha256(key), null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    // ---- how the token is read ------------------------------------------------------------------------------

    @Test
    void aHeaderWithoutTheBearerPrefixIsTakenAsTheTokenItself() {
        Response response = request("GET", "/v1/users?limit=1", null, "Authorization", ADMIN_KEY);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theBearerPrefixIsCaseSensitive() {
        Response response = request("GET", "/v1/users?limit=1", null, "Authorization", "bearer " + ADMIN_KEY);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void theAdminKeyMustMatchExactly() {
        assertProblem(call("GET", "/v1/users", ADMIN_KEY + "x", null), 401, "Unauthorized", AUTH_FAILED);
        assertProblem(call("GET", "/v1/users", ADMIN_KEY.substring(1), null), 401, "Unauthorized", AUTH_FAILED);
        assertProblem(call("GET", "/v1/users", ADMIN_KEY.toUpperCase(), null), 401, "Unauthorized", AUTH_FAILED);
    }

    // ---- 401 comes before 422 -------------------------------------------------------------------------------

    @Test
    void unauthenticatedRequestWithAnInvalidBodyIsUnauthorizedNotUnprocessable() {
        String john = unique("john");

        Response response = call("PUT", "/v1/users/" + john, "", "{\"user_handle\":\"" + john + "\",\"foo\":1}");

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void unauthenticatedRequestWithAnInvalidPathHandleIsUnauthorizedNotUnprocessable() {
        Response get = call("GET", "/v1/users/ab", "", null);
        Response put = call("PUT", "/v1/users/ab", "wrong", "{}");

        assertProblem(get, 401, "Unauthorized", AUTH_FAILED);
        assertProblem(put, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void unauthenticatedRequestWithMalformedJsonIsUnauthorizedNotBadRequest() {
        Response response = call("POST", "/v1/users", null, "{not json");

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    @Test
    void userKeyOnAnAdminOperationWithAnInvalidBodyIsUnauthorized() {
        String key = createUser(unique("alice"));

        Response response = call("POST", "/v1/users", key, "{\"foo\":1}");

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    // ---- _system ----------------------------------------------------------------------------------------------

    @Test
    void nobodyCanAuthenticateAsSystem() {
        for (String token : new String[] {"", "0".repeat(64), "_system", "_system_user_api_key", "null"}) {
            assertProblem(call("GET", "/v1/users/_system", token, null), 401, "Unauthorized", AUTH_FAILED);
            assertProblem(call("DELETE", "/v1/users/_system", token, null), 401, "Unauthorized", AUTH_FAILED);
        }
    }

    @Test
    void systemCannotBeCreatedOrUpdatedByPut() {
        Response response = call("PUT", "/v1/users/_system", ADMIN_KEY,
                userBody("_system", "Not System", "hijack@example.org"));

        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
        assertThat(call("GET", "/v1/users/_system", ADMIN_KEY, null).json().get("name").stringValue())
                .isEqualTo("System User");
    }

    @Test
    void systemInThePathIsForbiddenEvenWhenTheBodyNamesAnotherUser() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/_system", ADMIN_KEY, userBody(alice, "A", alice + "@example.org"));

        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
    }

    @Test
    void systemCannotBeCreatedOrUpdatedByPost() {
        Response response = call("POST", "/v1/users", ADMIN_KEY,
                userBody("_system", "Not System", "hijack@example.org"));

        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
    }

    @Test
    void systemCannotBeDeleted() {
        Response response = call("DELETE", "/v1/users/_system", ADMIN_KEY, null);

        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
        assertThat(call("GET", "/v1/users/_system", ADMIN_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void systemHasNoKeyToRotate() {
        Response response = call("POST", "/v1/users/_system/keys/rotate", ADMIN_KEY, null);

        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
    }
}
