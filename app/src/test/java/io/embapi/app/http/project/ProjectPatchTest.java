package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/projects/{user_handle}/{project_handle}} (spec §1.4, as decided for this port): an RFC 7396
 * merge patch onto the stored submission, validated and saved like PUT and answered like PUT; the handle is fixed.
 */
class ProjectPatchTest extends ProjectTestSupport {

    private Response patch(String owner, String project, String key, String patch) {
        return send("PATCH", projectPath(owner, project), key, patch, MERGE_PATCH);
    }

    @Test
    void patchingTheDescriptionChangesOnlyTheDescription() {
        User alice = newUser("alice");
        String scheme = "{\"type\":\"object\"}";
        createProject(alice.handle(), alice.key(), "project1", "description", "old", "metadataScheme", scheme,
                "public_read", true);

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"description\":\"new\"}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode project = getProject(alice.handle(), "project1", alice.key()).json();
        assertThat(project.get("description").stringValue()).isEqualTo("new");
        assertThat(project.get("public_read").booleanValue()).isTrue();
        assertThat(json(project.get("metadataScheme").stringValue())).isEqualTo(json(scheme));
    }

    @Test
    void aPatchAnswersLikePutWithTheSameId() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "project1", "public_read", true);

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"description\":\"new\"}");

        assertSynced(response);
        assertThat(response.json()).isEqualTo(json(object("owner", alice.handle(), "project_handle", "project1",
                "project_id", id, "public_read", true, "role", "owner", "number_of_embeddings", 0)));
    }

    @Test
    void plainJsonIsAcceptedAsAMergePatch() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "old");

        Response response = send("PATCH", projectPath(alice.handle(), "project1"), alice.key(),
                "{\"description\":\"via json\"}", "application/json");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().get("description").stringValue())
                .isEqualTo("via json");
    }

    @Test
    void nullPublicReadResetsItToFalse() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "kept", "public_read", true);

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"public_read\":null}");

        assertThat(response.json().get("public_read").booleanValue()).isFalse();
        JsonNode project = getProject(alice.handle(), "project1", alice.key()).json();
        assertThat(project.get("public_read").booleanValue()).isFalse();
        assertThat(project.get("description").stringValue()).isEqualTo("kept");
        assertUnauthorized(getProject(alice.handle(), "project1", null));
    }

    @Test
    void patchingPublicReadToTrueOpensTheProject() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        patch(alice.handle(), "project1", alice.key(), "{\"public_read\":true}");

        assertThat(getProject(alice.handle(), "project1", null).status()).isEqualTo(200);
    }

    @Test
    void nullDescriptionRemovesIt() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "old");

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"description\":null}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().has("description")).isFalse();
    }

    @Test
    void anEmptyPatchKeepsEverything() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "old", "public_read", true);

        Response response = patch(alice.handle(), "project1", alice.key(), "{}");

        assertThat(response.status()).isIn(201, 304);
        JsonNode project = getProject(alice.handle(), "project1", alice.key()).json();
        assertThat(project.get("description").stringValue()).isEqualTo("old");
        assertThat(project.get("public_read").booleanValue()).isTrue();
    }

    @Test
    void aPatchKeepsTheShares() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        patch(alice.handle(), "project1", alice.key(), "{\"description\":\"new\"}");

        assertThat(getProject(alice.handle(), "project1", bob.key()).json().get("role").stringValue())
                .isEqualTo("editor");
    }

    @Test
    void theSameHandleInThePatchIsAccepted() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(),
                "{\"project_handle\":\"project1\",\"description\":\"same handle\"}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void aDifferentHandleIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"project_handle\":\"project2\"}");

        assertBadRequest(response, "the project handle cannot be changed by PATCH");
        assertThat(getProject(alice.handle(), "project2", alice.key()).status()).isEqualTo(404);
        assertThat(getProject(alice.handle(), "project1", alice.key()).status()).isEqualTo(200);
    }

    @Test
    void removingTheHandleIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"project_handle\":null}");

        assertBadRequest(response, "the project handle cannot be changed by PATCH");
    }

    @Test
    void anUnknownPropertyIsAValidationError() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"foo\":1}");

        assertValidationError(response, "unexpected property", "body.foo");
    }

    @Test
    void aTooLongDescriptionIsAValidationError() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "old");

        Response response = patch(alice.handle(), "project1", alice.key(),
                object("description", "d".repeat(256)));

        assertValidationError(response, "expected length <= 255", "body.description");
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().get("description").stringValue())
                .isEqualTo("old");
    }

    @Test
    void anInvalidMetadataSchemeIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(),
                object("metadataScheme", "{\"type\":\"banana\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue()).startsWith("metadataScheme is not a valid JSON Schema:");
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().has("metadataScheme")).isFalse();
    }

    @Test
    void aMissingInstanceIsNotFoundLikeOnPut() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", alice.key(), "{\"instance_handle\":\"embedding1\"}");

        assertNotFound(response, "LLM Service Instance embedding1 owned by " + alice.handle() + " not found");
    }

    @Test
    void aNonObjectPatchIsAValidationError() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "description", "old");

        Response response = patch(alice.handle(), "project1", alice.key(), "[1]");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("validation failed");
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().get("description").stringValue())
                .isEqualTo("old");
    }

    @Test
    void patchingAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");

        assertNotFound(patch(alice.handle(), "nonexistent", alice.key(), "{\"description\":\"x\"}"),
                "user " + alice.handle() + "'s project nonexistent not found");
    }

    @Test
    void theAdminCanPatchAProject() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = patch(alice.handle(), "project1", ADMIN_KEY, "{\"description\":\"by admin\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().get("description").stringValue())
                .isEqualTo("by admin");
    }

    @Test
    void anEditorCannotPatch() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        assertUnauthorized(patch(alice.handle(), "project1", bob.key(), "{\"description\":\"by editor\"}"));
    }

    @Test
    void aPatchOfTheSystemUsersProjectIsForbidden() {
        assertProblem(patch("_system", "project1", ADMIN_KEY, "{\"description\":\"x\"}"), 403, "Forbidden",
                SYSTEM_READ_ONLY);
    }

    @Test
    void aPatchIsRecordedAsASettingsChange() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "project1", "description", "old");

        patch(alice.handle(), "project1", alice.key(), "{\"description\":\"patched-description\"}");

        List<StoredEvent> events = projectEvents(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly(EVENTS + "ProjectCreatedEvent",
                EVENTS + "ProjectSettingsChangedEvent");
        assertThat(events.get(1).payload()).contains("patched-description");
    }
}
