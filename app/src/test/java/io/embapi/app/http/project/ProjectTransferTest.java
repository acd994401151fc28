package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Transferring a project to another owner (spec §4.3.9, §7.10): the checks in order, the answer, who has access
 * afterwards, and one continuous event stream for the project across the transfer.
 */
class ProjectTransferTest extends ProjectTestSupport {

    private Response transfer(String owner, String project, String key, String newOwner) {
        return call("POST", projectPath(owner, project) + "/transfer-ownership", key,
                object("new_owner_handle", newOwner));
    }

    @Test
    void aTransferAnswersWithIdHandleAndBothOwners() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        Response response = transfer(alice.handle(), "project1", alice.key(), bob.handle());

        assertThat(response.status()).isEqualTo(200);
        assertSynced(response);
        assertThat(response.json()).isEqualTo(json(object("project_id", id, "project_handle", "project1",
                "old_owner", alice.handle(), "new_owner", bob.handle())));
    }

    @Test
    void theNewOwnerOwnsTheProjectUnderItsOwnPathWithTheSameId() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1", "description", "moving");
        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        Response response = getProject(bob.handle(), "project1", bob.key());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("project_id").longValue()).isEqualTo(id);
        assertThat(body.get("owner").stringValue()).isEqualTo(bob.handle());
        assertThat(body.get("role").stringValue()).isEqualTo("owner");
        assertThat(body.get("description").stringValue()).isEqualTo("moving");
        assertThat(sharedWith(response)).containsExactly(bob.handle() + ":owner");
    }

    @Test
    void theOldOwnersKeyNoLongerWorksOnEitherPath() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");
        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        assertUnauthorized(getProject(bob.handle(), "project1", alice.key()));
        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
    }

    @Test
    void theOldPathIsNotFoundForItsFormerOwnerAndForTheAdmin() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");
        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        assertNotFound(getProject(alice.handle(), "project1", alice.key()),
                "user " + alice.handle() + "'s project project1 not found");
        assertNotFound(getProject(alice.handle(), "project1", ADMIN_KEY),
                "user " + alice.handle() + "'s project project1 not found");
    }

    @Test
    void theProjectMovesBetweenTheOwnersLists() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");
        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        assertThat(listProjects(alice.handle(), alice.key()).json().get("projects")).isEmpty();
        assertThat(projectList(listProjects(bob.handle(), bob.key())))
                .containsExactly(bob.handle() + "/project1:owner");
        assertThat(call("GET", "/v1/users/" + alice.handle(), ADMIN_KEY, null).json().has("projects")).isFalse();
    }

    @Test
    void aFormerEditorWhoBecomesOwnerIsNoLongerListedAsEditor() {
        User alice = newUser("alice");
        User carl = newUser("carl");
        createProject(alice.handle(), alice.key(), "project3", "shared_with", List.of(member(carl.handle(), "editor")));

        Response response = transfer(alice.handle(), "project3", alice.key(), carl.handle());

        assertThat(response.status()).isEqualTo(200);
        Response project = getProject(carl.handle(), "project3", carl.key());
        assertThat(project.json().get("owner").stringValue()).isEqualTo(carl.handle());
        assertThat(project.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(sharedWith(project)).containsExactly(carl.handle() + ":owner");
        assertThat(call("GET", projectPath(carl.handle(), "project3") + "/shared-with", carl.key(), null).json()
                .get("shared_with")).isEmpty();
    }

    @Test
    void otherMembersKeepTheirAccessAfterATransfer() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User dan = newUser("dan");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(dan.handle(), "reader")));

        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        Response asReader = getProject(bob.handle(), "project1", dan.key());
        assertThat(asReader.status()).isEqualTo(200);
        assertThat(asReader.json().get("role").stringValue()).isEqualTo("reader");
    }

    @Test
    void theOldOwnerCanReuseTheHandleForANewProject() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");
        transfer(alice.handle(), "project1", alice.key(), bob.handle());

        Response again = putProject(alice.handle(), alice.key(), "project1");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("project_id").longValue()).isNotEqualTo(id);
        assertThat(getProject(bob.handle(), "project1", bob.key()).json().get("project_id").longValue()).isEqualTo(id);
    }

    @Test
    void theAdminCanTransferAProject() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        Response response = transfer(alice.handle(), "project1", ADMIN_KEY, bob.handle());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("old_owner").stringValue()).isEqualTo(alice.handle());
        assertThat(getProject(bob.handle(), "project1", bob.key()).json().get("project_id").longValue())
                .isEqualTo(id);
    }

    @Test
    void transferringToTheCurrentOwnerIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        assertBadRequest(transfer(alice.handle(), "project1", alice.key(), alice.handle()),
                "new owner must be different from current owner");
    }

    @Test
    void transferringAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        assertNotFound(transfer(alice.handle(), "nonexistent", alice.key(), bob.handle()),
                "project " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void transferringToAnUnknownUserIsNotFound() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");
        String ghost = unique("ghost");

        assertNotFound(transfer(alice.handle(), "project1", alice.key(), ghost),
                "new owner user " + ghost + " not found");
        assertThat(getProject(alice.handle(), "project1", alice.key()).status()).isEqualTo(200);
    }

    @Test
    void transferringToAUserWhoAlreadyHasTheHandleIsAConflict() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project2");
        createProject(bob.handle(), bob.key(), "project2");

        Response response = transfer(alice.handle(), "project2", alice.key(), bob.handle());

        assertProblem(response, 409, "Conflict",
                "new owner " + bob.handle() + " already has a project with handle project2");
        assertThat(getProject(alice.handle(), "project2", alice.key()).status()).isEqualTo(200);
    }

    @Test
    void aNonOwnerCannotTransferEvenToItself() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        assertUnauthorized(transfer(alice.handle(), "project1", bob.key(), bob.handle()));
        assertThat(getProject(alice.handle(), "project1", alice.key()).json().get("owner").stringValue())
                .isEqualTo(alice.handle());
    }

    @Test
    void aTransferBodyWithoutNewOwnerIsAValidationError() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = call("POST", projectPath(alice.handle(), "project1") + "/transfer-ownership",
                alice.key(), "{}");

        assertValidationError(response, "expected required property new_owner_handle to be present", "body");
    }

    @Test
    void theProjectsHistoryContinuesInOneStreamAcrossTheTransfer() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        transfer(alice.handle(), "project1", alice.key(), bob.handle());
        putProject(bob.handle(), bob.key(), "project1", "description", "after the move");

        List<StoredEvent> events = projectEvents(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly(EVENTS + "ProjectCreatedEvent",
                EVENTS + "ProjectOwnershipTransferredEvent", EVENTS + "ProjectSettingsChangedEvent");
        assertThat(events).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(events.get(1).metadataJson().get("actor").stringValue()).isEqualTo(alice.handle());
    }
}
