package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Request validation of the user endpoints (spec §1.3, §4.2, §5, §7.3 items 5 and 10): the 422 format with
 * {@code message}, {@code location} and {@code value}, error order, strict JSON types and the handle rules.
 */
class UserValidationTest extends HttpTestSupport {

    // ---- required and unexpected properties --------------------------------------------------------------------

    @Test
    void putWithoutEmailReportsTheMissingPropertyWithTheWholeObjectSorted() {
        String john = unique("john");

        Response response = call("PUT", "/v1/users/" + john, ADMIN_KEY,
                "{\"user_handle\":\"" + john + "\",\"name\":\"John Doe\"}");

        assertValidationErrors(response, errors(
                error("expected required property email to be present", "body",
                        object("name", "John Doe", "user_handle", john))));
        assertThat(names(response.json().get("errors").get(0).get("value"))).containsExactly("name", "user_handle");
        assertThat(call("GET", "/v1/users/" + john, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void postWithoutEmailReportsTheSameError() {
        String john = unique("john");

        Response response = call("POST", "/v1/users", ADMIN_KEY,
                "{\"user_handle\":\"" + john + "\",\"name\":\"John Doe\"}");

        assertValidationErrors(response, errors(
                error("expected required property email to be present", "body",
                        object("name", "John Doe", "user_handle", john))));
    }

    @Test
    void unknownPropertyIsReportedAtItsLocationWithTheEnclosingObjectSorted() {
        String alice = unique("alice");
        String email = alice + "@example.org";

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                "{\"user_handle\":\"" + alice + "\",\"email\":\"" + email + "\",\"foo\":\"bar\"}");

        assertValidationErrors(response, errors(
                error("unexpected property", "body.foo", object("email", email, "foo", "bar", "user_handle", alice))));
        assertThat(names(response.json().get("errors").get(0).get("value")))
                .containsExactly("email", "foo", "user_handle");
    }

    @Test
    void requiredErrorsComeFirstAlphabeticallyThenUnexpectedOnes() {
        String body = "{\"zeta\":true,\"name\":\"X\",\"alpha\":1}";
        String value = "{\"alpha\":1,\"name\":\"X\",\"zeta\":true}";

        Response response = call("POST", "/v1/users", ADMIN_KEY, body);

        assertProblemShape(response, 422, "Unprocessable Entity");
        JsonNode errors = response.json().get("errors");
        assertThat(errors.size()).isEqualTo(4);
        assertThat(errors.get(0)).isEqualTo(json(
                error("expected required property email to be present", "body", value)));
        assertThat(errors.get(1)).isEqualTo(json(
                error("expected required property user_handle to be present", "body", value)));
        assertThat(java.util.List.of(errors.get(2), errors.get(3))).containsExactlyInAnyOrder(
                json(error("unexpected property", "body.alpha", value)),
                json(error("unexpected property", "body.zeta", value)));
    }

    @Test
    void emptyObjectMissesBothRequiredProperties() {
        Response response = call("POST", "/v1/users", ADMIN_KEY, "{}");

        assertValidationErrors(response, errors(
                error("expected required property email to be present", "body", "{}"),
                error("expected required property user_handle to be present", "body", "{}")));
    }

    // ---- strict JSON types -----------------------------------------------------------------------------------

    @Test
    void aNumberWhereAStringIsExpectedIsNotCoerced() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                "{\"user_handle\":\"" + alice + "\",\"email\":5}");

        assertValidationErrors(response, errors(error("expected string", "body.email", "5")));
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void aBooleanOrObjectWhereAStringIsExpectedIsRejected() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, "{\"user_handle\":\"" + alice
                + "\",\"name\":true,\"email\":{\"a\":1}}");

        assertThat(response.status()).isEqualTo(422);
        JsonNode errors = response.json().get("errors");
        assertThat(errors).contains(json(error("expected string", "body.name", "true")),
                json(error("expected string", "body.email", "{\"a\":1}")));
        assertThat(errors.size()).isEqualTo(2);
    }

    @Test
    void aNonObjectBodyIsRejected() {
        Response response = call("POST", "/v1/users", ADMIN_KEY, "[\"alice\"]");

        assertValidationErrors(response, errors(error("expected object", "body", "[\"alice\"]")));
    }

    // ---- string constraints in the body ----------------------------------------------------------------------

    @Test
    void bodyHandleShorterThanThreeIsRejected() {
        Response response = call("POST", "/v1/users", ADMIN_KEY, userBody("ab", null, "ab@example.org"));

        assertValidationErrors(response, errors(error("expected length >= 3", "body.user_handle", "\"ab\"")));
    }

    @Test
    void bodyHandleLongerThanTwentyIsRejected() {
        String handle = "a".repeat(21);

        Response response = call("POST", "/v1/users", ADMIN_KEY, userBody(handle, null, "long@example.org"));

        assertValidationErrors(response, errors(error("expected length <= 20", "body.user_handle", quoted(handle))));
    }

    @Test
    void bodyHandleWithForbiddenCharactersIsRejected() {
        Response response = call("POST", "/v1/users", ADMIN_KEY, userBody("al ice", null, "alice@example.org"));

        assertValidationErrors(response, errors(
                error("expected string to match pattern ^[A-Za-z0-9_-]+$", "body.user_handle", "\"al ice\"")));
    }

    @Test
    void emailShorterThanFiveIsRejected() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, null, "a@b"));

        assertValidationErrors(response, errors(error("expected length >= 5", "body.email", "\"a@b\"")));
    }

    @Test
    void emailLongerThanHundredIsRejected() {
        String alice = unique("alice");
        String email = alice + "@" + "x".repeat(40) + "." + "y".repeat(47 - alice.length()) + ".example.org";

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, null, email));

        assertThat(email).hasSize(101);
        assertValidationErrors(response, errors(error("expected length <= 100", "body.email", quoted(email))));
    }

    @Test
    void emailOfExactlyHundredCharactersIsAccepted() {
        String alice = unique("alice");
        String email = alice + "@" + "x".repeat(40) + "." + "y".repeat(54 - alice.length()) + ".org";

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, null, email));

        assertThat(email).hasSize(100);
        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void somethingThatIsNotAnEmailAddressIsRejected() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, null, "not-an-email"));

        assertValidationErrors(response, errors(
                error("expected string to be RFC 5322 email", "body.email", "\"not-an-email\"")));
    }

    @Test
    void nameLongerThanFiftyIsRejected() {
        String alice = unique("alice");
        String name = "N".repeat(51);

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name, alice + "@example.org"));

        assertValidationErrors(response, errors(error("expected length <= 50", "body.name", quoted(name))));
    }

    @Test
    void nameOfExactlyFiftyCharactersIsAccepted() {
        String alice = unique("alice");
        String name = "N".repeat(50);

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name, alice + "@example.org"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).json().get("name").stringValue())
                .isEqualTo(name);
    }

    @Test
    void handlesOfThreeAndTwentyCharactersAreAccepted() {
        String shortest = "a_3";
        String longest = unique("twenty-characters-x");

        assertThat(longest).hasSize(20);
        assertThat(call("PUT", "/v1/users/" + longest, ADMIN_KEY, userBody(longest, null, longest + "@example.org"))
                .status()).isEqualTo(201);
        Response three = call("PUT", "/v1/users/" + shortest, ADMIN_KEY,
                userBody(shortest, null, shortest + "-" + longest + "@example.org"));
        assertThat(three.status()).as("%s", three).isEqualTo(201);
    }

    // ---- handles in the path ---------------------------------------------------------------------------------

    @Test
    void pathHandleShorterThanThreeIsRejected() {
        Response response = call("GET", "/v1/users/ab", ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected length >= 3", "path.user_handle", "\"ab\"")));
    }

    @Test
    void pathHandleLongerThanTwentyIsRejected() {
        String handle = "b".repeat(21);

        Response response = call("DELETE", "/v1/users/" + handle, ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected length <= 20", "path.user_handle", quoted(handle))));
    }

    @Test
    void pathHandleWithForbiddenCharactersIsRejected() {
        Response response = call("GET", "/v1/users/al.ice", ADMIN_KEY, null);

        assertValidationErrors(response, errors(
                error("expected string to match pattern ^[A-Za-z0-9_-]+$", "path.user_handle", "\"al.ice\"")));
    }

    @Test
    void percentEncodedPathHandleIsDecodedBeforeValidation() {
        Response response = call("GET", "/v1/users/al%20ice", ADMIN_KEY, null);

        assertValidationErrors(response, errors(
                error("expected string to match pattern ^[A-Za-z0-9_-]+$", "path.user_handle", "\"al ice\"")));
    }

    @Test
    void invalidPathHandleIsCheckedBeforeTheBody() {
        Response response = call("PUT", "/v1/users/ab", ADMIN_KEY, "{\"foo\":1}");

        assertValidationErrors(response, errors(error("expected length >= 3", "path.user_handle", "\"ab\"")));
    }

    @Test
    void invalidPathHandleOnRotateIsRejected() {
        Response response = call("POST", "/v1/users/x/keys/rotate", ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected length >= 3", "path.user_handle", "\"x\"")));
    }
}
