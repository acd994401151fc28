package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /v1/llm-definitions/{u}/{d}} and {@code POST /v1/llm-definitions/{u}} (spec §4.6.1, §4.6.2): create or
 * replace, the {@code DefinitionBrief} answer, ids after the seeded ones, the handle check, missing users and API
 * standards, and the schema-level 422s.
 */
class DefinitionWriteTest extends DefinitionTestSupport {

    // ---- PUT -----------------------------------------------------------------------------------------------

    @Test
    void theOwnerCreatesADefinitionAndGetsItsBriefAfterTheReadSide() {
        User alice = newUser("alice");

        Response response = putDefinition(alice.handle(), alice.key(), "my-def", "model", "m1", "dimensions", 5);

        assertBrief(response, alice.handle(), "my-def", false);
        assertSynced(response);
        assertThat(getDefinition(alice.handle(), "my-def", alice.key()).status()).isEqualTo(200);
    }

    @Test
    void theAdminCreatesADefinitionForAUser() {
        User alice = newUser("alice");

        Response response = putDefinition(alice.handle(), ADMIN_KEY, "admin-def", "is_public", true);

        assertBrief(response, alice.handle(), "admin-def", true);
        assertSynced(response);
        assertThat(getDefinition(alice.handle(), "admin-def", alice.key()).json().get("owner").stringValue())
                .isEqualTo(alice.handle());
    }

    @Test
    void theReferenceBodyIsStoredAndReadBackInFull() {
        User alice = newUser("alice");

        Response put = call("PUT", definitionPath(alice.handle(), "openai-large"), alice.key(),
                fullBody(alice.handle(), "openai-large", false));

        assertBrief(put, alice.handle(), "openai-large", false);
        long id = put.json().get("definition_id").longValue();
        JsonNode body = getDefinition(alice.handle(), "openai-large", alice.key()).json();
        assertThat(names(body)).containsExactly("definition_id", "definition_handle", "owner", "endpoint",
                "description", "api_standard", "model", "dimensions", "context_limit");
        assertThat(body.get("definition_id").longValue()).isEqualTo(id);
        assertThat(body.get("definition_handle").stringValue()).isEqualTo("openai-large");
        assertThat(body.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(body.get("endpoint").stringValue()).isEqualTo(OPENAI_ENDPOINT);
        assertThat(body.get("description").stringValue()).isEqualTo("OpenAI instance with large model");
        assertThat(body.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(body.get("model").stringValue()).isEqualTo("text-embedding-3-large");
        assertThat(body.get("dimensions").intValue()).isEqualTo(3072);
        assertThat(body.get("context_limit").intValue()).isEqualTo(8192);
    }

    @Test
    void aUserDefinitionWithTheHandleOfASystemOneIsSeparate() {
        User alice = newUser("alice");

        long id = createDefinition(alice.handle(), alice.key(), "openai-large", "model", "mine");

        assertThat(id).isGreaterThanOrEqualTo(5);
        assertThat(getDefinition(SYSTEM, "openai-large", null).json().get("model").stringValue())
                .isEqualTo("text-embedding-3-large");
        assertThat(getDefinition(alice.handle(), "openai-large", alice.key()).json().get("model").stringValue())
                .isEqualTo("mine");
    }

    @Test
    void zeroAndEmptyValuesAreOmittedFromTheRead() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "minimal");

        JsonNode body = getDefinition(alice.handle(), "minimal", alice.key()).json();

        assertThat(names(body)).containsExactly("definition_id", "definition_handle", "owner", "api_standard");
    }

    @Test
    void aPublicDefinitionShowsIsPublicTrueAsTheLastProperty() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "pub-def", "model", "m", "is_public", true);

        JsonNode body = getDefinition(alice.handle(), "pub-def", alice.key()).json();

        assertThat(names(body)).containsExactly("definition_id", "definition_handle", "owner", "api_standard",
                "model", "is_public");
        assertThat(body.get("is_public").booleanValue()).isTrue();
    }

    @Test
    void idsComeAfterTheSeededOnesAndDifferPerDefinition() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        long first = createDefinition(alice.handle(), alice.key(), "def-a");
        long second = createDefinition(alice.handle(), alice.key(), "def-b");
        long bobs = createDefinition(bob.handle(), bob.key(), "def-a");

        assertThat(List.of(first, second, bobs)).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(5))
                .doesNotHaveDuplicates();
    }

    @Test
    void aRePutKeepsTheIdAndReplacesTheWholeSpec() {
        User alice = newUser("alice");
        long id = createDefinition(alice.handle(), alice.key(), "def1", "endpoint", "https://e.example.org",
                "description", "first", "model", "m1", "dimensions", 10, "context_limit", 100, "is_public", true);

        Response again = putDefinition(alice.handle(), alice.key(), "def1", "model", "m2");

        assertBrief(again, alice.handle(), "def1", false);
        assertSynced(again);
        assertThat(again.json().get("definition_id").longValue()).isEqualTo(id);
        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(names(body)).containsExactly("definition_id", "definition_handle", "owner", "api_standard",
                "model");
        assertThat(body.get("definition_id").longValue()).isEqualTo(id);
        assertThat(body.get("model").stringValue()).isEqualTo("m2");
    }

    @Test
    void aRePutWithTheSameSpecAnswersTheSameBrief() {
        User alice = newUser("alice");
        Response first = putDefinition(alice.handle(), alice.key(), "def1", "model", "m1");

        Response second = putDefinition(alice.handle(), alice.key(), "def1", "model", "m1");

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
    }

    @Test
    void theHandleInThePathMustMatchTheBody() {
        User alice = newUser("alice");

        Response response = call("PUT", definitionPath(alice.handle(), "path-def"), alice.key(),
                definitionBody("body-def"));

        assertBadRequest(response,
                "definition handle in URL (\"path-def\") does not match definition handle in body (\"body-def\")");
        assertNotFound(getDefinition(alice.handle(), "path-def", alice.key()),
                "llm definition " + alice.handle() + "/path-def not found");
        assertNotFound(getDefinition(alice.handle(), "body-def", alice.key()),
                "llm definition " + alice.handle() + "/body-def not found");
    }

    @Test
    void theAdminPuttingForAMissingUserIsNotFound() {
        String ghost = unique("ghost");

        assertNotFound(putDefinition(ghost, ADMIN_KEY, "def1"), "user " + ghost + " not found");
    }

    @Test
    void aMissingUserWithoutTheAdminKeyIsUnauthorized() {
        User alice = newUser("alice");

        assertUnauthorized(putDefinition(unique("ghost"), alice.key(), "def1"));
    }

    @Test
    void anUnknownApiStandardIsABadRequestAndCreatesNothing() {
        User alice = newUser("alice");

        Response response = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_handle", "def1", "api_standard", "no-such-std"));

        assertBadRequest(response, "API standard no-such-std not found");
        assertNotFound(getDefinition(alice.handle(), "def1", alice.key()),
                "llm definition " + alice.handle() + "/def1 not found");
    }

    @Test
    void anUnknownApiStandardOnRePutKeepsTheOldSpec() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1", "model", "m1");

        Response response = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_handle", "def1", "api_standard", "no-such-std", "model", "m2"));

        assertBadRequest(response, "API standard no-such-std not found");
        JsonNode body = getDefinition(alice.handle(), "def1", alice.key()).json();
        assertThat(body.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(body.get("model").stringValue()).isEqualTo("m1");
    }

    @Test
    void otherSeededApiStandardsCanBeUsed() {
        User alice = newUser("alice");

        createDefinition(alice.handle(), alice.key(), "def1");
        Response cohere = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_handle", "def1", "api_standard", "cohere"));

        assertThat(cohere.status()).as("%s", cohere).isEqualTo(201);
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("api_standard").stringValue())
                .isEqualTo("cohere");
    }

    @Test
    void readOnlyIdAndOwnerInTheBodyAreAcceptedAndIgnored() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                object("definition_id", 1, "definition_handle", "def1", "owner", bob.handle(),
                        "api_standard", "openai", "model", "mine"));

        assertBrief(response, alice.handle(), "def1", false);
        assertThat(response.json().get("definition_id").longValue()).isNotEqualTo(1);
        assertThat(getDefinition(SYSTEM, "openai-large", null).json().get("model").stringValue())
                .isEqualTo("text-embedding-3-large");
        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("owner").stringValue())
                .isEqualTo(alice.handle());
        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).doesNotContain(alice.handle() + "/def1");
    }

    // ---- POST ----------------------------------------------------------------------------------------------

    @Test
    void postCreatesWithTheHandleFromTheBody() {
        User alice = newUser("alice");

        Response response = call("POST", listPath(alice.handle()), alice.key(), definitionBody("posted", "model", "m"));

        assertBrief(response, alice.handle(), "posted", false);
        assertSynced(response);
        assertThat(getDefinition(alice.handle(), "posted", alice.key()).json().get("model").stringValue())
                .isEqualTo("m");
    }

    @Test
    void postingAnExistingHandleReplacesItUnderTheSameId() {
        User alice = newUser("alice");
        long id = createDefinition(alice.handle(), alice.key(), "def1", "model", "m1");

        Response response = call("POST", listPath(alice.handle()), ADMIN_KEY,
                definitionBody("def1", "model", "m2", "is_public", true));

        assertBrief(response, alice.handle(), "def1", true);
        assertThat(response.json().get("definition_id").longValue()).isEqualTo(id);
        assertThat(getDefinition(alice.handle(), "def1", null).json().get("model").stringValue()).isEqualTo("m2");
    }

    @Test
    void theAdminPostingForAMissingUserIsNotFound() {
        String ghost = unique("ghost");

        assertNotFound(call("POST", listPath(ghost), ADMIN_KEY, definitionBody("def1")),
                "user " + ghost + " not found");
    }

    @Test
    void postWithAnUnknownApiStandardIsABadRequest() {
        User alice = newUser("alice");

        assertBadRequest(call("POST", listPath(alice.handle()), alice.key(),
                object("definition_handle", "def1", "api_standard", "nope")), "API standard nope not found");
    }

    // ---- 422 -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "POST"})
    void theHandleIsRequired(String method) {
        User alice = newUser("alice");

        Response response = call(method, method.equals("PUT") ? definitionPath(alice.handle(), "def1")
                : listPath(alice.handle()), alice.key(), object("api_standard", "openai", "model", "m"));

        assertValidationError(response, "expected required property definition_handle to be present", "body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "POST"})
    void theApiStandardIsRequired(String method) {
        User alice = newUser("alice");

        Response response = call(method, method.equals("PUT") ? definitionPath(alice.handle(), "def1")
                : listPath(alice.handle()), alice.key(), object("definition_handle", "def1", "model", "m"));

        assertValidationError(response, "expected required property api_standard to be present", "body");
        assertNotFound(getDefinition(alice.handle(), "def1", alice.key()),
                "llm definition " + alice.handle() + "/def1 not found");
    }

    @Test
    void bothMissingRequiredPropertiesAreReported() {
        User alice = newUser("alice");

        Response response = call("POST", listPath(alice.handle()), alice.key(), object("model", "m"));

        assertValidationError(response, "expected required property api_standard to be present", "body");
        assertValidationError(response, "expected required property definition_handle to be present", "body");
    }

    @Test
    void negativeDimensionsAreRejected() {
        User alice = newUser("alice");

        assertValidationError(putDefinition(alice.handle(), alice.key(), "def1", "dimensions", -1),
                "expected number >= 0", "body.dimensions");
    }

    @Test
    void dimensionsAboveFourThousandAreRejected() {
        User alice = newUser("alice");

        assertValidationError(putDefinition(alice.handle(), alice.key(), "def1", "dimensions", 4001),
                "expected number <= 4000", "body.dimensions");
    }

    @Test
    void theDimensionBoundsThemselvesAreAccepted() {
        User alice = newUser("alice");

        assertThat(putDefinition(alice.handle(), alice.key(), "dims-max", "dimensions", 4000).status())
                .isEqualTo(201);
        assertThat(putDefinition(alice.handle(), alice.key(), "dims-zero", "dimensions", 0).status())
                .isEqualTo(201);
        assertThat(getDefinition(alice.handle(), "dims-max", alice.key()).json().get("dimensions").intValue())
                .isEqualTo(4000);
        assertThat(getDefinition(alice.handle(), "dims-zero", alice.key()).json().has("dimensions")).isFalse();
    }

    @Test
    void aNegativeContextLimitIsRejected() {
        User alice = newUser("alice");

        assertValidationError(putDefinition(alice.handle(), alice.key(), "def1", "context_limit", -1),
                "expected number >= 0", "body.context_limit");
    }

    @Test
    void aLargeContextLimitIsAccepted() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1", "context_limit", 128000);

        assertThat(getDefinition(alice.handle(), "def1", alice.key()).json().get("context_limit").intValue())
                .isEqualTo(128000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "POST"})
    void anUnknownPropertyIsRejected(String method) {
        User alice = newUser("alice");

        Response response = call(method, method.equals("PUT") ? definitionPath(alice.handle(), "def1")
                : listPath(alice.handle()), alice.key(), definitionBody("def1", "foo", "bar"));

        assertValidationError(response, "unexpected property", "body.foo");
        assertNotFound(getDefinition(alice.handle(), "def1", alice.key()),
                "llm definition " + alice.handle() + "/def1 not found");
    }

    @Test
    void aTooShortHandleIsRejected() {
        User alice = newUser("alice");

        assertValidationError(call("POST", listPath(alice.handle()), alice.key(), definitionBody("ab")),
                "expected length >= 3", "body.definition_handle");
    }

    @Test
    void aTooLongHandleIsRejected() {
        User alice = newUser("alice");

        assertValidationError(call("POST", listPath(alice.handle()), alice.key(),
                definitionBody("a-very-long-handle-of-21")), "expected length <= 20", "body.definition_handle");
    }

    @Test
    void withoutAValidKeyTheBodyIsNotEvenValidated() {
        User alice = newUser("alice");

        assertUnauthorized(call("PUT", definitionPath(alice.handle(), "def1"), null, object("foo", "bar")));
    }
}
