package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Creating, reading, listing and deleting projects (spec §4.3.1–4.3.5, §7.5, §7.12) with the decisions of this
 * slice: no LLM instances yet, ids allocated by the service, admin acting like the owner.
 */
class ProjectEndpointsTest extends ProjectTestSupport {

    // ---- PUT / POST ----------------------------------------------------------------------------------------

    @Test
    void putCreatesAProjectAndAnswersWithTheBrief() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "description", "A test project");

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("owner", "project_handle", "project_id", "public_read", "role",
                "number_of_embeddings");
        assertThat(body.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(body.get("project_handle").stringValue()).isEqualTo("test1");
        assertThat(body.get("project_id").isIntegralNumber()).isTrue();
        assertThat(body.get("project_id").longValue()).isPositive();
        assertThat(body.get("public_read").booleanValue()).isFalse();
        assertThat(body.get("role").stringValue()).isEqualTo("owner");
        assertThat(body.get("number_of_embeddings").intValue()).isZero();
    }

    @Test
    void aProjectWriteAnswersOnlyOnceTheReadSideHasIt() {
        User alice = newUser("alice");

        Response put = putProject(alice.handle(), alice.key(), "synced", "description", "first");
        Response get = getProject(alice.handle(), "synced", alice.key());

        assertSynced(put);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("description").stringValue()).isEqualTo("first");
    }

    @Test
    void rePuttingAProjectKeepsItsId() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "test1", "description", "first");

        Response again = putProject(alice.handle(), alice.key(), "test1", "description", "second");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("project_id").longValue()).isEqualTo(id);
        assertThat(getProject(alice.handle(), "test1", alice.key()).json().get("description").stringValue())
                .isEqualTo("second");
    }

    @Test
    void differentProjectsGetDifferentIds() {
        User alice = newUser("alice");

        long first = createProject(alice.handle(), alice.key(), "first");
        long second = createProject(alice.handle(), alice.key(), "second");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void postCreatesAProjectWithTheHandleFromTheBody() {
        User alice = newUser("alice");

        Response response = call("POST", listPath(alice.handle()), alice.key(),
                projectBody("posted", "description", "via POST"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("project_handle").stringValue()).isEqualTo("posted");
        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertSynced(response);
        assertThat(getProject(alice.handle(), "posted", alice.key()).json().get("description").stringValue())
                .isEqualTo("via POST");
    }

    @Test
    void postOfAnExistingHandleUpdatesTheSameProject() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "test1");

        Response response = call("POST", listPath(alice.handle()), alice.key(),
                projectBody("test1", "description", "updated by POST"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("project_id").longValue()).isEqualTo(id);
        assertThat(getProject(alice.handle(), "test1", alice.key()).json().get("description").stringValue())
                .isEqualTo("updated by POST");
    }

    @Test
    void theAdminCanCreateAProjectForAUser() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), ADMIN_KEY, "by-admin");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(getProject(alice.handle(), "by-admin", alice.key()).json().get("role").stringValue())
                .isEqualTo("owner");
    }

    @Test
    void publicReadIsEchoedAndStored() {
        User alice = newUser("alice");

        Response put = putProject(alice.handle(), alice.key(), "public1", "public_read", true);

        assertThat(put.json().get("public_read").booleanValue()).isTrue();
        assertThat(getProject(alice.handle(), "public1", alice.key()).json().get("public_read").booleanValue())
                .isTrue();
        assertThat(listProjects(alice.handle(), alice.key()).json().get("projects").get(0).get("public_read")
                .booleanValue()).isTrue();
    }

    @Test
    void putReplacesTheSettingsSoAnAbsentPublicReadMeansFalse() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "public1", "description", "A public project", "public_read",
                true);

        Response put = putProject(alice.handle(), alice.key(), "public1", "description", "Updated public project");

        assertThat(put.json().get("public_read").booleanValue()).isFalse();
        Response get = getProject(alice.handle(), "public1", alice.key());
        assertThat(get.json().get("public_read").booleanValue()).isFalse();
        assertThat(get.json().get("description").stringValue()).isEqualTo("Updated public project");
        assertUnauthorized(getProject(alice.handle(), "public1", null));
    }

    @Test
    void putWithPublicReadTrueAgainMakesTheProjectPublicAgain() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true);
        putProject(alice.handle(), alice.key(), "public1");

        Response put = putProject(alice.handle(), alice.key(), "public1", "public_read", true);

        assertThat(put.json().get("public_read").booleanValue()).isTrue();
        assertThat(getProject(alice.handle(), "public1", null).status()).isEqualTo(200);
    }

    @Test
    void putReplacesTheDescriptionAndMetadataSchemeAsAWhole() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1", "description", "first",
                "metadataScheme", "{\"type\":\"object\"}");

        putProject(alice.handle(), alice.key(), "test1");

        JsonNode project = getProject(alice.handle(), "test1", alice.key()).json();
        assertThat(project.has("description")).isFalse();
        assertThat(project.has("metadataScheme")).isFalse();
    }

    @Test
    void referencingAMissingLlmInstanceIsNotFoundWithThePathUserAsDefaultInstanceOwner() {
        User alice = newUser("alice");

        Response response = putProject(alice.handle(), alice.key(), "test1", "instance_handle", "embedding1");

        assertNotFound(response, "LLM Service Instance embedding1 owned by " + alice.handle() + " not found");
        assertNotFound(getProject(alice.handle(), "test1", alice.key()),
                "user " + alice.handle() + "'s project test1 not found");
    }

    @Test
    void referencingAnInstanceOfAnotherOwnerNamesThatOwner() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        Response response = putProject(alice.handle(), alice.key(), "test1", "instance_owner", bob.handle(),
                "instance_handle", "embedding1");

        assertNotFound(response, "LLM Service Instance embedding1 owned by " + bob.handle() + " not found");
    }

    // ---- GET one -------------------------------------------------------------------------------------------

    @Test
    void theOwnerSeesTheFullProjectWithItselfInSharedWith() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "test1", "description", "This is a test project");

        Response response = getProject(alice.handle(), "test1", alice.key());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("project_id").longValue()).isEqualTo(id);
        assertThat(body.get("project_handle").stringValue()).isEqualTo("test1");
        assertThat(body.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(body.get("description").stringValue()).isEqualTo("This is a test project");
        assertThat(body.get("public_read").booleanValue()).isFalse();
        assertThat(sharedWith(response)).containsExactly(alice.handle() + ":owner");
        assertThat(body.get("role").stringValue()).isEqualTo("owner");
        assertThat(body.get("number_of_embeddings").intValue()).isZero();
    }

    @Test
    void aProjectWithoutInstanceHasNoInstanceKey() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1");

        JsonNode body = getProject(alice.handle(), "test1", alice.key()).json();

        assertThat(body.has("instance")).isFalse();
    }

    @Test
    void theMetadataSchemeIsReturnedAsTheStoredString() {
        User alice = newUser("alice");
        String scheme = "{\"type\":\"object\",\"properties\":{\"author\":{\"type\":\"string\"}}}";
        createProject(alice.handle(), alice.key(), "test1", "metadataScheme", scheme);

        JsonNode body = getProject(alice.handle(), "test1", alice.key()).json();

        assertThat(body.get("metadataScheme").isString()).isTrue();
        assertThat(json(body.get("metadataScheme").stringValue())).isEqualTo(json(scheme));
    }

    @Test
    void theAdminSeesTheProjectWithRoleAdminAndWithoutSharedWith() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "test1");

        Response response = getProject(alice.handle(), "test1", ADMIN_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("project_id").longValue()).isEqualTo(id);
        assertThat(response.json().get("role").stringValue()).isEqualTo("admin");
        assertThat(response.json().has("shared_with")).isFalse();
    }

    @Test
    void theOwnerOfAPublicProjectSeesTheWildcardReaderFirst() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "public1", "public_read", true, "shared_with",
                List.of(member(bob.handle(), "reader")));

        Response response = getProject(alice.handle(), "public1", alice.key());

        assertThat(response.json().get("role").stringValue()).isEqualTo("owner");
        assertThat(sharedWith(response)).containsExactly("*:reader", alice.handle() + ":owner",
                bob.handle() + ":reader");
    }

    @Test
    void anonymousCallersReadAPublicProjectAsOwnerWithoutSharedWith() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "public1", "description", "This is a test project",
                "public_read", true);

        Response response = getProject(alice.handle(), "public1", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("project_id").longValue()).isEqualTo(id);
        assertThat(body.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(body.get("description").stringValue()).isEqualTo("This is a test project");
        assertThat(body.get("public_read").booleanValue()).isTrue();
        assertThat(body.get("role").stringValue()).isEqualTo("owner");
        assertThat(body.has("shared_with")).isFalse();
        assertThat(body.get("number_of_embeddings").intValue()).isZero();
    }

    @Test
    void anUnknownProjectIsNotFoundForItsOwner() {
        User alice = newUser("alice");

        assertNotFound(getProject(alice.handle(), "test2", alice.key()),
                "user " + alice.handle() + "'s project test2 not found");
    }

    @Test
    void anUnknownProjectIsNotFoundForTheAdmin() {
        User alice = newUser("alice");

        assertNotFound(getProject(alice.handle(), "test2", ADMIN_KEY),
                "user " + alice.handle() + "'s project test2 not found");
    }

    @Test
    void aProjectOfAnUnknownUserIsNotFoundForTheAdmin() {
        String ghost = unique("ghost");

        assertNotFound(getProject(ghost, "test1", ADMIN_KEY), "user " + ghost + " not found");
    }

    @Test
    void aProjectOfAnUnknownUserIsUnauthorizedForAnyUserKey() {
        User alice = newUser("alice");

        assertUnauthorized(getProject(unique("john"), "test1", alice.key()));
    }

    // ---- GET list ------------------------------------------------------------------------------------------

    @Test
    void aUserWithoutProjectsHasAnEmptyListForAdminAndOwner() {
        User alice = newUser("alice");

        Response byAdmin = listProjects(alice.handle(), ADMIN_KEY);
        Response byOwner = listProjects(alice.handle(), alice.key());

        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json()).isEqualTo(json("{\"projects\":[]}"));
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.json()).isEqualTo(json("{\"projects\":[]}"));
    }

    @Test
    void theListShowsEachProjectAsBrief() {
        User alice = newUser("alice");
        long id = createProject(alice.handle(), alice.key(), "test1", "description", "x");

        Response response = listProjects(alice.handle(), alice.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("projects")).containsExactly(json(object("owner", alice.handle(),
                "project_handle", "test1", "project_id", id, "public_read", false, "role", "owner",
                "number_of_embeddings", 0)));
    }

    @Test
    void theListShowsOwnedAndSharedProjectsOnceWithTheUsersRoleOrderedByOwnerThenHandle() {
        User amy = newUser("amy");
        User bob = newUser("bob");
        User cat = newUser("cat");
        createProject(bob.handle(), bob.key(), "zeta");
        createProject(bob.handle(), bob.key(), "alpha", "shared_with", List.of(member(cat.handle(), "reader")));
        createProject(amy.handle(), amy.key(), "mine", "shared_with", List.of(member(bob.handle(), "editor")));
        createProject(cat.handle(), cat.key(), "beta", "shared_with", List.of(member(bob.handle(), "reader")));

        Response response = listProjects(bob.handle(), bob.key());

        assertThat(projectList(response)).containsExactly(
                amy.handle() + "/mine:editor",
                bob.handle() + "/alpha:owner",
                bob.handle() + "/zeta:owner",
                cat.handle() + "/beta:reader");
    }

    @Test
    void theAdminSeesTheSameListAsTheUser() {
        User amy = newUser("amy");
        User bob = newUser("bob");
        createProject(bob.handle(), bob.key(), "own");
        createProject(amy.handle(), amy.key(), "theirs", "shared_with", List.of(member(bob.handle(), "reader")));

        Response byAdmin = listProjects(bob.handle(), ADMIN_KEY);

        assertThat(projectList(byAdmin)).containsExactly(amy.handle() + "/theirs:reader",
                bob.handle() + "/own:owner");
    }

    @Test
    void theListPagesWithLimitAndOffset() {
        User alice = newUser("alice");
        for (String handle : List.of("p-a", "p-b", "p-c", "p-d")) {
            createProject(alice.handle(), alice.key(), handle);
        }

        Response page = call("GET", listPath(alice.handle()) + "?limit=2&offset=1", alice.key(), null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(projectList(page)).containsExactly(alice.handle() + "/p-b:owner", alice.handle() + "/p-c:owner");
    }

    @Test
    void theListShowsTenProjectsByDefault() {
        User alice = newUser("alice");
        for (int i = 10; i < 22; i++) {
            createProject(alice.handle(), alice.key(), "p" + i);
        }

        Response page = listProjects(alice.handle(), alice.key());

        assertThat(page.json().get("projects").size()).isEqualTo(10);
    }

    @Test
    void anOffsetBeyondTheEndGivesAnEmptyList() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "only");

        Response page = call("GET", listPath(alice.handle()) + "?offset=5", alice.key(), null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).isEqualTo(json("{\"projects\":[]}"));
    }

    @Test
    void aLimitOutsideOneTo200IsRejected() {
        User alice = newUser("alice");

        assertValidationError(call("GET", listPath(alice.handle()) + "?limit=0", alice.key(), null),
                "expected number >= 1", "query.limit");
        assertValidationError(call("GET", listPath(alice.handle()) + "?limit=201", alice.key(), null),
                "expected number <= 200", "query.limit");
    }

    @Test
    void listingTheProjectsOfAnUnknownUserIsNotFoundForTheAdmin() {
        String ghost = unique("ghost");

        assertNotFound(listProjects(ghost, ADMIN_KEY), "user " + ghost + " not found");
    }

    @Test
    void listingAnotherUsersProjectsIsUnauthorized() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(bob.handle(), bob.key(), "secret");

        assertUnauthorized(listProjects(bob.handle(), alice.key()));
        assertUnauthorized(listProjects(unique("john"), alice.key()));
    }

    // ---- DELETE --------------------------------------------------------------------------------------------

    @Test
    void theOwnerDeletesAProjectWithAnEmpty204() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1");

        Response response = call("DELETE", projectPath(alice.handle(), "test1"), alice.key(), null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertSynced(response);
    }

    @Test
    void aDeletedProjectIsGoneFromReadsAndLists() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1");
        createProject(alice.handle(), alice.key(), "test2");

        call("DELETE", projectPath(alice.handle(), "test1"), alice.key(), null);

        assertNotFound(getProject(alice.handle(), "test1", alice.key()),
                "user " + alice.handle() + "'s project test1 not found");
        assertThat(projectList(listProjects(alice.handle(), alice.key())))
                .containsExactly(alice.handle() + "/test2:owner");
    }

    @Test
    void theAdminCanDeleteAProject() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "test1");

        Response response = call("DELETE", projectPath(alice.handle(), "test1"), ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(getProject(alice.handle(), "test1", ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void aDeletedHandleCanBeCreatedAgainWithANewId() {
        User alice = newUser("alice");
        long first = createProject(alice.handle(), alice.key(), "test1", "description", "old");
        call("DELETE", projectPath(alice.handle(), "test1"), alice.key(), null);

        Response again = putProject(alice.handle(), alice.key(), "test1", "description", "new");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("project_id").longValue()).isNotEqualTo(first);
        JsonNode project = getProject(alice.handle(), "test1", alice.key()).json();
        assertThat(project.get("project_id").longValue()).isEqualTo(again.json().get("project_id").longValue());
        assertThat(project.get("description").stringValue()).isEqualTo("new");
    }

    @Test
    void aRecreatedProjectDoesNotInheritTheOldShares() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "test1", "shared_with", List.of(member(bob.handle(), "reader")));
        call("DELETE", projectPath(alice.handle(), "test1"), alice.key(), null);

        createProject(alice.handle(), alice.key(), "test1");

        assertUnauthorized(getProject(alice.handle(), "test1", bob.key()));
        assertThat(sharedWith(getProject(alice.handle(), "test1", alice.key())))
                .containsExactly(alice.handle() + ":owner");
    }

    @Test
    void deletingAnUnknownProjectIsNotFound() {
        User alice = newUser("alice");

        assertNotFound(call("DELETE", projectPath(alice.handle(), "test2"), alice.key(), null),
                "user " + alice.handle() + "'s project test2 not found");
    }

    @Test
    void deletingAProjectOfAnUnknownUserIsNotFoundForTheAdmin() {
        String ghost = unique("ghost");

        assertNotFound(call("DELETE", projectPath(ghost, "test1"), ADMIN_KEY, null), "user " + ghost + " not found");
    }

    @Test
    void deletingAnotherUsersProjectIsUnauthorizedAndKeepsIt() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(bob.handle(), bob.key(), "test1");

        assertUnauthorized(call("DELETE", projectPath(bob.handle(), "test1"), alice.key(), null));
        assertThat(getProject(bob.handle(), "test1", bob.key()).status()).isEqualTo(200);
    }

    @Test
    void deletingASystemProjectIsForbiddenEvenForTheAdmin() {
        assertProblem(call("DELETE", projectPath("_system", "test1"), ADMIN_KEY, null), 403, "Forbidden",
                SYSTEM_READ_ONLY);
    }
}
