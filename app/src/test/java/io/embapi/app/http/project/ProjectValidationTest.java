package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What PUT/POST of a project reject, and with which status and message (spec §1.3, §4.3.1, §5, §7.5, §10): schema
 * violations (422), the handler's checks in the reference's order (403, 400, 404) and the metadata scheme, which
 * must be a valid JSON Schema.
 */
class ProjectValidationTest extends ProjectTestSupport {

    // ---- 422: the body's shape ---------------------------------------------------------------------------------

    @Test
    void aBodyWithoutProjectHandleAndWithAnUnknownPropertyListsBothErrors() {
        User alice = newUser("alice");
        String body = "{\"foo\":\"test1\",\"description\":\"This is a test project\"}";
        JsonNode value = json("{\"description\":\"This is a test project\",\"foo\":\"test1\"}");

        Response response = call("PUT", projectPath(alice.handle(), "test2"), alice.key(), body);

        assertValidationError(response, "expected required property project_handle to be present", "body");
        assertValidationError(response, "unexpected property", "body.foo");
        JsonNode errors = response.json().get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("location").stringValue()).isEqualTo("body");
        assertThat(errors.get(0).get("value")).isEqualTo(value);
        assertThat(errors.get(1).get("value")).isEqualTo(value);
    }

    @Test
    void postRejectsTheSameBodyTheSameWay() {
        User alice = newUser("alice");

        Response response = call("POST", listPath(alice.handle()), alice.key(),
                "{\"foo\":\"test1\",\"description\":\"This is a test project\"}");

        assertValidationError(response, "expected required property project_handle to be present", "body");
        assertValidationError(response, "unexpected property", "body.foo");
    }

    @Test
    void anUnknownPropertyAloneIsRejected() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "project_id", 7);

        assertValidationError(response, "unexpected property", "body.project_id");
        assertNotFound(getProject(alice.handle(), "test1", alice.key()),
                "user " + alice.handle() + "'s project test1 not found");
    }

    @Test
    void aDescriptionOfMoreThan255CharactersIsRejected() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "description", "d".repeat(256));

        assertValidationError(response, "expected length <= 255", "body.description");
    }

    @Test
    void aDescriptionOfExactly255CharactersIsAccepted() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "description", "d".repeat(255));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void aTooShortProjectHandleIsRejected() {
        User alice = newUser("alice");

        Response response = call("POST", listPath(alice.handle()), alice.key(), projectBody("ab"));

        assertValidationError(response, "expected length >= 3", "body.project_handle");
    }

    @Test
    void aSharedWithEntryWithoutRoleIsRejected() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(java.util.Map.of("user_handle", bob.handle())));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("message").stringValue())
                .isEqualTo("expected required property role to be present");
    }

    @Test
    void publicReadMustBeABoolean() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "public_read", "yes");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("validation failed");
    }

    @Test
    void authenticationComesBeforeValidation() {
        User alice = newUser("alice");

        assertUnauthorized(call("PUT", projectPath(alice.handle(), "test1"), "wrong-key", "{\"foo\":1}"));
    }

    // ---- the handler's checks ----------------------------------------------------------------------------------

    @Test
    void projectsOfTheSystemUserAreForbiddenEvenForTheAdmin() {
        Response put = putProject("_system", ADMIN_KEY, "test1");
        Response post = call("POST", listPath("_system"), ADMIN_KEY, projectBody("test1"));

        assertProblem(put, 403, "Forbidden", SYSTEM_READ_ONLY);
        assertProblem(post, 403, "Forbidden", SYSTEM_READ_ONLY);
    }

    @Test
    void aPathHandleDifferentFromTheBodyHandleIsABadRequest() {
        User alice = newUser("alice");

        Response response = call("PUT", projectPath(alice.handle(), "test3"), alice.key(), projectBody("test1"));

        assertBadRequest(response,
                "project handle in URL (test3) does not match project handle in body (test1)");
        assertThat(getProject(alice.handle(), "test1", alice.key()).status()).isEqualTo(404);
        assertThat(getProject(alice.handle(), "test3", alice.key()).status()).isEqualTo(404);
    }

    @Test
    void theAdminCreatingAProjectForAnUnknownUserIsNotFound() {
        String ghost = unique("ghost");

        assertNotFound(putProject(ghost, ADMIN_KEY, "test1"), "user " + ghost + " not found");
        assertNotFound(call("POST", listPath(ghost), ADMIN_KEY, projectBody("test1")), "user " + ghost + " not found");
    }

    @Test
    void aUserCreatingAProjectForAnUnknownUserIsUnauthorized() {
        User alice = newUser("alice");

        assertUnauthorized(putProject(unique("john"), alice.key(), "test1"));
    }

    @Test
    void sharingAtCreationWithTheOwnerIsABadRequest() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(member(alice.handle(), "reader")));

        assertBadRequest(response, "cannot share project with owner " + alice.handle());
        assertThat(getProject(alice.handle(), "test1", alice.key()).status()).isEqualTo(404);
    }

    @Test
    void sharingAtCreationWithAnotherRoleThanEditorOrReaderIsABadRequest() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(member(bob.handle(), "writer")));

        assertBadRequest(response, "invalid role writer for user " + bob.handle()
                + ". Role must be either \"editor\" or \"reader\"");
    }

    @Test
    void sharingAtCreationAsOwnerIsABadRequest() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(member(bob.handle(), "owner")));

        assertBadRequest(response, "invalid role owner for user " + bob.handle()
                + ". Role must be either \"editor\" or \"reader\"");
        assertThat(getProject(alice.handle(), "test1", alice.key()).status()).isEqualTo(404);
    }

    @Test
    void sharingAtCreationWithAnUnknownUserIsABadRequest() {
        User alice = newUser("alice");
        String ghost = unique("ghost");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(member(ghost, "reader")));

        assertBadRequest(response, "shared user " + ghost + " does not exist");
    }

    @Test
    void sharedWithEntriesAreCheckedInOrder() {
        User alice = newUser("alice");
        String ghost = unique("ghost");
        User bob = newUser("bob");

        Response response = putProject(alice.handle(), alice.key(), "test1", "shared_with",
                List.of(member(ghost, "reader"), member(bob.handle(), "writer")));

        assertBadRequest(response, "shared user " + ghost + " does not exist");
    }

    @Test
    void aRejectedUpdateLeavesTheProjectUnchanged() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1", "description", "kept", "public_read", true);

        Response response = putProject(alice.handle(), alice.key(), "test1", "description", "lost",
                "shared_with", List.of(member(unique("ghost"), "reader")));

        assertThat(response.status()).isEqualTo(400);
        JsonNode project = getProject(alice.handle(), "test1", alice.key()).json();
        assertThat(project.get("description").stringValue()).isEqualTo("kept");
        assertThat(project.get("public_read").booleanValue()).isTrue();
    }

    // ---- metadataScheme ----------------------------------------------------------------------------------------

    @Test
    void aMetadataSchemeThatIsNotJsonIsABadRequest() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", "{not json");

        assertMetadataSchemeRejected(response);
        assertThat(getProject(alice.handle(), "test1", alice.key()).status()).isEqualTo(404);
    }

    @Test
    void aMetadataSchemeViolatingTheMetaSchemaIsABadRequest() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme",
                "{\"type\":\"banana\"}");

        assertMetadataSchemeRejected(response);
    }

    @Test
    void aMetadataSchemeThatIsAJsonArrayIsABadRequest() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", "[1,2]");

        assertMetadataSchemeRejected(response);
    }

    @Test
    void aDraft2020MetadataSchemeIsAccepted() {
        User alice = newUser("alice");
        String scheme = "{\"type\":\"object\",\"properties\":{\"author\":{\"type\":\"string\"},"
                + "\"year\":{\"type\":\"integer\"}},\"required\":[\"author\"],"
                + "\"prefixItems\":[{\"type\":\"string\"}]}";

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", scheme);

        assertThat(response.status()).isEqualTo(201);
        assertThat(json(getProject(alice.handle(), "test1", alice.key()).json().get("metadataScheme").stringValue()))
                .isEqualTo(json(scheme));
    }

    @Test
    void aDraft07MetadataSchemeIsAcceptedWhenItSaysSo() {
        User alice = newUser("alice");
        String scheme = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"author\":{\"type\":\"string\"}},\"additionalItems\":false}";

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", scheme);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void anInvalidDraft07MetadataSchemeIsABadRequest() {
        User alice = newUser("alice");
        String scheme = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"required\":\"author\"}";

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", scheme);

        assertMetadataSchemeRejected(response);
    }

    @Test
    void anEmptyMetadataSchemeMeansNone() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", "");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "test1", alice.key()).json().has("metadataScheme")).isFalse();
    }

    @Test
    void anEmptyMetadataSchemeRemovesAStoredOne() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1", "metadataScheme", "{\"type\":\"object\"}");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadataScheme", "");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "test1", alice.key()).json().has("metadataScheme")).isFalse();
    }

    @Test
    void theSnakeCaseMetadataSchemeKeyIsAnUnknownProperty() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "metadata_scheme", "{}");

        assertValidationError(response, "unexpected property", "body.metadata_scheme");
    }

    private static void assertMetadataSchemeRejected(Response response) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("title").stringValue()).isEqualTo("Bad Request");
        assertThat(response.json().get("detail").stringValue()).as("detail of %s", response)
                .startsWith("metadataScheme is not a valid JSON Schema:");
    }
}
