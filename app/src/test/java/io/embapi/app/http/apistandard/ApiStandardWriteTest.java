package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/api-standards/{h}} and {@code POST /v1/api-standards} (spec §4.8, §7.2 items 1–3 and 8): admin only,
 * all four properties required, a known key method, the path/body handle check, and upsert semantics.
 */
class ApiStandardWriteTest extends ApiStandardTestSupport {

    private static final String INVALID_BODY = "{\"api_standard_handle\":\"error1\","
            + "\"description\":\"Erroneous definition of an APi standard\",\"keX_method\":\"auth_bearer\"}";
    private static final String INVALID_VALUE = "{\"api_standard_handle\":\"error1\","
            + "\"description\":\"Erroneous definition of an APi standard\",\"keX_method\":\"auth_bearer\"}";

    // ---- the reference's sequence (§7.2) ---------------------------------------------------------------------

    @Test
    void referenceStep1MissingAndUnexpectedPropertiesAreReportedInTheReferenceOrder() {
        Response response = put("error1", ADMIN_KEY, INVALID_BODY);

        assertValidationErrors(response, errors(
                error("expected required property key_field to be present", "body", INVALID_VALUE),
                error("expected required property key_method to be present", "body", INVALID_VALUE),
                error("unexpected property", "body.keX_method", INVALID_VALUE)));
        for (int i = 0; i < 3; i++) {
            assertThat(names(response.json().get("errors").get(i).get("value")))
                    .containsExactly("api_standard_handle", "description", "keX_method");
        }
    }

    @Test
    void referenceStep2AHandleInThePathOtherThanInTheBodyIsABadRequest() {
        Response response = put("wrongpath", ADMIN_KEY, seededOpenAi());

        assertBadRequest(response,
                "API standard handle in URL (wrongpath) does not match handle in body (openai).");
        assertStandardNotFound(get("wrongpath"), "wrongpath");
        assertStandard("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    @Test
    void referenceStep3PutCreatesAStandard() {
        String handle = unique("test");

        Response response = put(handle, ADMIN_KEY, openAiLike(handle));

        assertSaved(response, handle);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertStandard(handle, OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    @Test
    void referenceStep8PuttingTheSeededOpenAiContentAgainAnswersCreated() {
        Response response = put("openai", ADMIN_KEY, seededOpenAi());

        assertSaved(response, "openai");
        assertStandard("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    // ---- required and unexpected properties -----------------------------------------------------------------

    @Test
    void allFourPropertiesAreRequiredAndReportedAlphabetically() {
        Response response = put(unique("empty"), ADMIN_KEY, "{}");

        assertValidationErrors(response, errors(
                error("expected required property api_standard_handle to be present", "body", "{}"),
                error("expected required property description to be present", "body", "{}"),
                error("expected required property key_field to be present", "body", "{}"),
                error("expected required property key_method to be present", "body", "{}")));
    }

    @Test
    void eachMissingPropertyIsReportedOnItsOwn() {
        String handle = unique("partial");
        String[][] cases = {
                {"description", object("api_standard_handle", handle, "key_method", "auth_bearer", "key_field", "A")},
                {"key_method", object("api_standard_handle", handle, "description", "d", "key_field", "A")},
                {"key_field", object("api_standard_handle", handle, "description", "d", "key_method", "auth_bearer")},
        };
        for (String[] c : cases) {
            Response response = put(handle, ADMIN_KEY, c[1]);

            assertValidationErrors(response, errors(
                    error("expected required property " + c[0] + " to be present", "body", c[1])));
        }
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void postRequiresTheSamePropertiesAsPut() {
        Response response = call("POST", "/v1/api-standards", ADMIN_KEY, INVALID_BODY);

        assertValidationErrors(response, errors(
                error("expected required property key_field to be present", "body", INVALID_VALUE),
                error("expected required property key_method to be present", "body", INVALID_VALUE),
                error("unexpected property", "body.keX_method", INVALID_VALUE)));
    }

    @Test
    void anUnknownPropertyNextToAllRequiredOnesIsRejected() {
        String handle = unique("extra");
        String body = object("api_standard_handle", handle, "description", "d", "key_method", "auth_bearer",
                "key_field", "Authorization", "foo", "bar");

        Response response = put(handle, ADMIN_KEY, body);

        assertValidationErrors(response, errors(error("unexpected property", "body.foo", body)));
        assertStandardNotFound(get(handle), handle);
    }

    // ---- key method ---------------------------------------------------------------------------------------------

    @Test
    void anUnknownKeyMethodIsRejectedWithTheAllowedValues() {
        String handle = unique("badkey");

        Response response = put(handle, ADMIN_KEY, body(handle, "d", "bearer_token", "Authorization"));

        assertValidationErrors(response, errors(error(KEY_METHOD_ONE_OF, "body.key_method", quoted("bearer_token"))));
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void postWithAnUnknownKeyMethodIsRejectedToo() {
        String handle = unique("badkey");

        Response response = call("POST", "/v1/api-standards", ADMIN_KEY, body(handle, "d", "AUTH_BEARER", "X"));

        assertValidationErrors(response, errors(error(KEY_METHOD_ONE_OF, "body.key_method", quoted("AUTH_BEARER"))));
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void everyKnownKeyMethodIsAccepted() {
        for (String method : new String[] {"auth_bearer", "body_form", "query_param", "custom_header"}) {
            String handle = unique("km");

            assertSaved(put(handle, ADMIN_KEY, body(handle, "Uses " + method, method, "key")), handle);
            assertStandard(handle, "Uses " + method, method, "key");
        }
    }

    // ---- handles -----------------------------------------------------------------------------------------------

    @Test
    void aHandleShorterThanThreeCharactersIsRejected() {
        Response response = call("POST", "/v1/api-standards", ADMIN_KEY, body("ab", "d", "auth_bearer", "X"));

        assertValidationFailed(response);
        assertThat(errorMessages(response)).contains("expected length >= 3 @ body.api_standard_handle");
    }

    @Test
    void aHandleLongerThanTwentyCharactersIsRejected() {
        String handle = "h" + "x".repeat(20);

        Response response = call("POST", "/v1/api-standards", ADMIN_KEY, body(handle, "d", "auth_bearer", "X"));

        assertValidationFailed(response);
        assertThat(errorMessages(response)).contains("expected length <= 20 @ body.api_standard_handle");
    }

    @Test
    void thePathHandleIsComparedWithTheBodyHandleForNewHandlesToo() {
        String inPath = unique("path");
        String inBody = unique("body");

        Response response = put(inPath, ADMIN_KEY, openAiLike(inBody));

        assertBadRequest(response, "API standard handle in URL (" + inPath + ") does not match handle in body ("
                + inBody + ").");
        assertStandardNotFound(get(inPath), inPath);
        assertStandardNotFound(get(inBody), inBody);
    }

    // ---- upsert ----------------------------------------------------------------------------------------------

    @Test
    void putReplacesAnExistingStandard() {
        String handle = unique("repl");
        create(handle, "Before", "auth_bearer", "Authorization");

        Response response = put(handle, ADMIN_KEY, body(handle, "After", "query_param", "api_key"));

        assertSaved(response, handle);
        assertStandard(handle, "After", "query_param", "api_key");
    }

    @Test
    void puttingTheSameContentAgainAnswersCreated() {
        String handle = createNew("same", "Unchanged");

        Response response = put(handle, ADMIN_KEY, body(handle, "Unchanged", "auth_bearer", "Authorization"));

        assertSaved(response, handle);
        assertStandard(handle, "Unchanged", "auth_bearer", "Authorization");
    }

    @Test
    void aSeededStandardCanBeReplacedAndRestored() {
        try {
            Response response = put("openai", ADMIN_KEY,
                    body("openai", "OpenAI Embeddings API, Version 2", "custom_header", "X-OpenAI-Key"));

            assertSaved(response, "openai");
            assertStandard("openai", "OpenAI Embeddings API, Version 2", "custom_header", "X-OpenAI-Key");
            assertThat(allStandards()).contains(
                    json(body("openai", "OpenAI Embeddings API, Version 2", "custom_header", "X-OpenAI-Key")));
        } finally {
            restoreOpenAi();
        }
    }

    @Test
    void postCreatesWithTheHandleFromTheBody() {
        String handle = unique("posted");

        Response response = call("POST", "/v1/api-standards", ADMIN_KEY,
                body(handle, "Posted standard", "body_form", "api_key"));

        assertSaved(response, handle);
        assertStandard(handle, "Posted standard", "body_form", "api_key");
    }

    @Test
    void postReplacesAnExistingStandardLikePut() {
        String handle = createNew("repost", "Before");

        Response response = call("POST", "/v1/api-standards", ADMIN_KEY,
                body(handle, "After", "custom_header", "X-Key"));

        assertSaved(response, handle);
        assertStandard(handle, "After", "custom_header", "X-Key");
    }

    @Test
    void aWriteIsVisibleToTheNextReadImmediately() {
        String handle = unique("fresh");

        for (int i = 0; i < 5; i++) {
            Response response = put(handle, ADMIN_KEY, body(handle, "Revision " + i, "auth_bearer", "Authorization"));

            assertSynced(response);
            assertThat(get(handle).json().get("description").stringValue()).isEqualTo("Revision " + i);
        }
    }

    // ---- authorization ----------------------------------------------------------------------------------------

    @Test
    void putWithoutAuthorizationIsUnauthorized() {
        String handle = unique("anon");

        assertUnauthorized(put(handle, null, openAiLike(handle)));
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void putWithAnEmptyOrWrongKeyIsUnauthorized() {
        String handle = unique("wrong");

        assertUnauthorized(put(handle, "", openAiLike(handle)));
        assertUnauthorized(put(handle, "not-the-admin-key", openAiLike(handle)));
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void aUserKeyIsNotEnoughToWriteStandards() {
        String userKey = createUser(unique("alice"));
        String handle = unique("byuser");

        assertUnauthorized(put(handle, userKey, openAiLike(handle)));
        assertUnauthorized(call("POST", "/v1/api-standards", userKey, openAiLike(handle)));
        assertUnauthorized(put("openai", userKey, body("openai", "Hijacked", "auth_bearer", "Authorization")));
        assertStandardNotFound(get(handle), handle);
        assertStandard("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    @Test
    void postWithoutAuthorizationIsUnauthorized() {
        String handle = unique("anon");

        assertUnauthorized(call("POST", "/v1/api-standards", null, openAiLike(handle)));
        assertStandardNotFound(get(handle), handle);
    }

    @Test
    void authenticationIsCheckedBeforeTheBody() {
        assertUnauthorized(put("error1", null, INVALID_BODY));
        assertUnauthorized(put("wrongpath", "not-the-admin-key", seededOpenAi()));
    }
}
