package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sharing projects (spec §2.5, §4.3.4, §4.3.6–4.3.8, §7.6, §7.8): share, unshare, shared-with, what members see,
 * the public-read subtleties of the pipeline, and the admin acting like the owner.
 */
class ProjectSharingTest extends ProjectTestSupport {

    private static final String ROLE_ENUM = "expected value to be one of \"reader, editor\"";

    private Response postShare(String owner, String project, String key, String user, String role) {
        return call("POST", projectPath(owner, project) + "/share", key,
                object("share_with_handle", user, "role", role));
    }

    private Response unshare(String owner, String project, String key, String user) {
        return call("DELETE", projectPath(owner, project) + "/share/" + user, key, null);
    }

    private Response sharedWithList(String owner, String project, String key) {
        return call("GET", projectPath(owner, project) + "/shared-with", key, null);
    }

    // ---- share ---------------------------------------------------------------------------------------------

    @Test
    void theOwnerSharesAProjectAndGetsTheShareBack() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        Response response = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "reader");

        assertThat(response.status()).isEqualTo(201);
        assertSynced(response);
        assertThat(response.json()).isEqualTo(json(object("owner", alice.handle(), "project_handle", "project1",
                "project_id", id, "shared_with_handle", bob.handle(), "shared_with_role", "reader")));
    }

    @Test
    void aReaderSeesTheProjectWithItsRoleButWithoutSharedWith() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");
        share(alice.handle(), alice.key(), "project1", bob.handle(), "reader");

        Response response = getProject(alice.handle(), "project1", bob.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("project_id").longValue()).isEqualTo(id);
        assertThat(response.json().get("role").stringValue()).isEqualTo("reader");
        assertThat(response.json().has("shared_with")).isFalse();
    }

    @Test
    void anEditorSeesTheProjectWithRoleEditor() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");
        share(alice.handle(), alice.key(), "project1", bob.handle(), "editor");

        Response response = getProject(alice.handle(), "project1", bob.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("role").stringValue()).isEqualTo("editor");
        assertThat(response.json().has("shared_with")).isFalse();
    }

    @Test
    void beforeSharingTheOtherUserIsUnauthorized() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
    }

    @Test
    void reSharingChangesTheRole() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");
        share(alice.handle(), alice.key(), "project1", bob.handle(), "reader");

        Response response = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "editor");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("shared_with_role").stringValue()).isEqualTo("editor");
        assertThat(getProject(alice.handle(), "project1", bob.key()).json().get("role").stringValue())
                .isEqualTo("editor");
        assertThat(sharedWithList(alice.handle(), "project1", alice.key()).json().get("shared_with"))
                .containsExactly(json(object("user_handle", bob.handle(), "role", "editor")));
    }

    @Test
    void theAdminCanShareAProject() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = postShare(alice.handle(), "project1", ADMIN_KEY, bob.handle(), "reader");

        assertThat(response.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "project1", bob.key()).json().get("role").stringValue())
                .isEqualTo("reader");
    }

    @Test
    void sharingWithAnUnknownUserIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");
        String charlie = unique("charlie");

        Response response = postShare(alice.handle(), "project1", alice.key(), charlie, "reader");

        assertBadRequest(response, "target user " + charlie + " does not exist: user " + charlie + " not found");
    }

    @Test
    void sharingAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = postShare(alice.handle(), "nonexistent", alice.key(), bob.handle(), "reader");

        assertNotFound(response, "project " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void sharingWithTheOwnerIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = postShare(alice.handle(), "project1", alice.key(), alice.handle(), "editor");

        assertBadRequest(response, "cannot share project with owner");
    }

    @Test
    void aShareRoleOtherThanReaderOrEditorIsAValidationError() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        Response owner = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "owner");
        Response writer = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "writer");

        assertValidationError(owner, ROLE_ENUM, "body.role");
        assertValidationError(writer, ROLE_ENUM, "body.role");
        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
    }

    @Test
    void aShareBodyMissingTheRoleIsAValidationError() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = call("POST", projectPath(alice.handle(), "project1") + "/share", alice.key(),
                object("share_with_handle", bob.handle()));

        assertValidationError(response, "expected required property role to be present", "body");
    }

    @Test
    void aShareWithHandleBreakingTheHandleRulesIsAValidationError() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = postShare(alice.handle(), "project1", alice.key(), "ab", "reader");

        assertValidationError(response, "expected length >= 3", "body.share_with_handle");
    }

    @Test
    void aShareBodyWithAnUnknownPropertyIsAValidationError() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = call("POST", projectPath(alice.handle(), "project1") + "/share", alice.key(),
                object("share_with_handle", bob.handle(), "role", "reader", "until", "tomorrow"));

        assertValidationError(response, "unexpected property", "body.until");
    }

    @Test
    void aNonOwnerCannotShareEvenWithTheOwner() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        assertUnauthorized(postShare(alice.handle(), "project1", bob.key(), alice.handle(), "editor"));
    }

    @Test
    void anEditorCannotShareFurther() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carl = newUser("carl");
        createProject(alice.handle(), alice.key(), "project1");
        share(alice.handle(), alice.key(), "project1", bob.handle(), "editor");

        assertUnauthorized(postShare(alice.handle(), "project1", bob.key(), carl.handle(), "reader"));
        assertUnauthorized(getProject(alice.handle(), "project1", carl.key()));
    }

    @Test
    void aShareByTheOwnerRecordsTheOwnerAsActor() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        Response response = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "reader");

        List<StoredEvent> events = projectEvents(id);
        StoredEvent shared = events.get(events.size() - 1);
        assertThat(shared.type()).isEqualTo(EVENTS + "ProjectSharedEvent");
        JsonNode metadata = shared.metadataJson();
        assertThat(metadata.get("actor").stringValue()).isEqualTo(alice.handle());
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("user");
        assertThat(metadata.get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void aShareByTheAdminRecordsTheAdminAsActor() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createProject(alice.handle(), alice.key(), "project1");

        postShare(alice.handle(), "project1", ADMIN_KEY, bob.handle(), "reader");

        List<StoredEvent> events = projectEvents(id);
        JsonNode metadata = events.get(events.size() - 1).metadataJson();
        assertThat(metadata.get("actor").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("admin");
    }

    // ---- sharing at creation and PUT -----------------------------------------------------------------------

    @Test
    void sharingAtCreationShowsInSharedWith() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        createProject(alice.handle(), alice.key(), "shared-project", "description", "A project shared at creation",
                "public_read", false, "shared_with", List.of(member(bob.handle(), "reader")));

        Response response = sharedWithList(alice.handle(), "shared-project", alice.key());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json(object("owner", alice.handle(), "project_handle",
                "shared-project", "shared_with", List.of(member(bob.handle(), "reader")))));
        assertThat(getProject(alice.handle(), "shared-project", bob.key()).json().get("role").stringValue())
                .isEqualTo("reader");
    }

    @Test
    void aPutKeepsExistingSharesItDoesNotList() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carl = newUser("carl");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        putProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(carl.handle(), "editor")));

        assertThat(sharedWith(getProject(alice.handle(), "project1", alice.key())))
                .containsExactly(alice.handle() + ":owner", bob.handle() + ":reader", carl.handle() + ":editor");
        assertThat(getProject(alice.handle(), "project1", bob.key()).status()).isEqualTo(200);
    }

    @Test
    void aPutWithoutSharedWithKeepsAllShares() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        putProject(alice.handle(), alice.key(), "project1", "description", "replaced");

        assertThat(getProject(alice.handle(), "project1", bob.key()).json().get("role").stringValue())
                .isEqualTo("editor");
    }

    @Test
    void aPutListingAnExistingShareWithAnotherRoleChangesIt() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        putProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        assertThat(getProject(alice.handle(), "project1", bob.key()).json().get("role").stringValue())
                .isEqualTo("editor");
    }

    // ---- shared-with ---------------------------------------------------------------------------------------

    @Test
    void sharedWithListsMembersByHandleWithoutTheOwner() {
        User amy = newUser("amy");
        User bob = newUser("bob");
        User zoe = newUser("zoe");
        createProject(bob.handle(), bob.key(), "project1");
        share(bob.handle(), bob.key(), "project1", zoe.handle(), "editor");
        share(bob.handle(), bob.key(), "project1", amy.handle(), "reader");

        Response response = sharedWithList(bob.handle(), "project1", bob.key());

        assertThat(response.json().get("shared_with")).containsExactly(
                json(object("user_handle", amy.handle(), "role", "reader")),
                json(object("user_handle", zoe.handle(), "role", "editor")));
    }

    @Test
    void sharedWithIsEmptyForAnUnsharedProject() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = sharedWithList(alice.handle(), "project1", alice.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json(object("owner", alice.handle(), "project_handle", "project1",
                "shared_with", List.of())));
    }

    @Test
    void theAdminCanViewSharedWith() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        Response response = sharedWithList(alice.handle(), "project1", ADMIN_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("shared_with"))
                .containsExactly(json(object("user_handle", bob.handle(), "role", "reader")));
    }

    @Test
    void sharedWithOfAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");

        assertNotFound(sharedWithList(alice.handle(), "nonexistent", alice.key()),
                "project " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void aReaderCannotViewSharedWith() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        assertUnauthorized(sharedWithList(alice.handle(), "project1", bob.key()));
    }

    // ---- unshare -------------------------------------------------------------------------------------------

    @Test
    void unsharingRemovesTheMembersAccess() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        Response response = unshare(alice.handle(), "project1", alice.key(), bob.handle());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertSynced(response);
        assertThat(sharedWithList(alice.handle(), "project1", alice.key()).json().get("shared_with")).isEmpty();
        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
    }

    @Test
    void aProjectCanBeSharedAgainAfterUnsharing() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));
        unshare(alice.handle(), "project1", alice.key(), bob.handle());

        Response again = postShare(alice.handle(), "project1", alice.key(), bob.handle(), "reader");

        assertThat(again.status()).isEqualTo(201);
        assertThat(getProject(alice.handle(), "project1", bob.key()).status()).isEqualTo(200);
    }

    @Test
    void theAdminCanUnshare() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        Response response = unshare(alice.handle(), "project1", ADMIN_KEY, bob.handle());

        assertThat(response.status()).isEqualTo(204);
        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
    }

    @Test
    void unsharingTheOwnerIsABadRequest() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response response = unshare(alice.handle(), "project1", alice.key(), alice.handle());

        assertBadRequest(response, "cannot unshare project from owner");
        assertThat(sharedWith(getProject(alice.handle(), "project1", alice.key())))
                .containsExactly(alice.handle() + ":owner");
    }

    @Test
    void unsharingAUserWhoIsNotAMemberIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1");

        assertNotFound(unshare(alice.handle(), "project1", alice.key(), bob.handle()),
                "project " + alice.handle() + "/project1 is not shared with user " + bob.handle());
    }

    @Test
    void unsharingFromAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        assertNotFound(unshare(alice.handle(), "nonexistent", alice.key(), bob.handle()),
                "project " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void aMemberCannotUnshareItself() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "editor")));

        assertUnauthorized(unshare(alice.handle(), "project1", bob.key(), bob.handle()));
        assertThat(getProject(alice.handle(), "project1", bob.key()).status()).isEqualTo(200);
    }

    // ---- public projects and the pipeline ------------------------------------------------------------------

    @Test
    void onAPublicProjectAReadersOwnKeyIsTreatedAsPublicAndReportsRoleOwner() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true, "shared_with",
                List.of(member(bob.handle(), "reader")));

        Response response = getProject(alice.handle(), "public1", bob.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(response.json().has("shared_with")).isFalse();
    }

    @Test
    void onAPublicProjectAnEditorsOwnKeyIsTreatedAsPublicToo() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true, "shared_with",
                List.of(member(bob.handle(), "editor")));

        Response response = getProject(alice.handle(), "public1", bob.key());

        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(response.json().has("shared_with")).isFalse();
    }

    @Test
    void onAPublicProjectTheOwnerIsStillTheOwner() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true);

        Response response = getProject(alice.handle(), "public1", alice.key());

        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(sharedWith(response)).containsExactly("*:reader", alice.handle() + ":owner");
    }

    @Test
    void onAPublicProjectTheAdminIsStillTheAdmin() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true);

        assertThat(getProject(alice.handle(), "public1", ADMIN_KEY).json().get("role").stringValue())
                .isEqualTo("admin");
    }

    @Test
    void anyKeyReadsAPublicProject() {
        User alice = newUser("alice");
        User stranger = newUser("stranger");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true);

        assertThat(getProject(alice.handle(), "public1", stranger.key()).status()).isEqualTo(200);
        assertThat(getProject(alice.handle(), "public1", "not-a-key").status()).isEqualTo(200);
        assertThat(getProject(alice.handle(), "public1", "").status()).isEqualTo(200);
    }

    @Test
    void makingAProjectPrivateAgainEndsAnonymousAccessButNotMembers() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true, "shared_with",
                List.of(member(bob.handle(), "reader")));

        putProject(alice.handle(), alice.key(), "public1", "public_read", false);

        assertUnauthorized(getProject(alice.handle(), "public1", null));
        assertThat(getProject(alice.handle(), "public1", bob.key()).json().get("role").stringValue())
                .isEqualTo("reader");
    }

    @Test
    void aPublicProjectDoesNotOpenItsWriteRoutes() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true);

        assertUnauthorized(postShare(alice.handle(), "public1", null, bob.handle(), "editor"));
        assertUnauthorized(sharedWithList(alice.handle(), "public1", null));
        assertUnauthorized(putProject(alice.handle(), null, "public1"));
    }
}
