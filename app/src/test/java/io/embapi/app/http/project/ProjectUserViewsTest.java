package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Projects as the user endpoints show them (spec §4.2.3, §4.2.4) and what deleting a user does to projects and
 * memberships (spec §3.9, §4.2.5).
 */
class ProjectUserViewsTest extends ProjectTestSupport {

    private JsonNode user(String handle) {
        return call("GET", "/v1/users/" + handle, ADMIN_KEY, null).json();
    }

    private static List<String> memberships(JsonNode user) {
        List<String> entries = new ArrayList<>();
        user.get("projects").values().forEach(p -> entries.add(p.get("owner").stringValue() + "/"
                + p.get("project_handle").stringValue() + ":" + p.get("role").stringValue()));
        return entries;
    }

    private int numberOfProjects(String handle) {
        for (int offset = 0; ; offset += 200) {
            Response page = call("GET", "/v1/users?limit=200&offset=" + offset, ADMIN_KEY, null);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode entry : page.json().values()) {
                if (entry.get("user_handle").stringValue().equals(handle)) {
                    return entry.get("number_of_projects").intValue();
                }
            }
            if (page.json().size() < 200) {
                throw new AssertionError("user " + handle + " is not listed");
            }
        }
    }

    @Test
    void aUserWithoutProjectsHasNoProjectsKey() {
        User alice = newUser("alice");

        assertThat(user(alice.handle()).has("projects")).isFalse();
    }

    @Test
    void theUserShowsOwnedAndSharedProjectsOrderedByProjectHandle() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(bob.handle(), bob.key(), "charlie-p", "shared_with", List.of(member(alice.handle(), "editor")));
        createProject(alice.handle(), alice.key(), "delta-p");
        createProject(alice.handle(), alice.key(), "alpha-p");
        createProject(bob.handle(), bob.key(), "bravo-p", "shared_with", List.of(member(alice.handle(), "reader")));
        createProject(bob.handle(), bob.key(), "echo-p");

        JsonNode details = user(alice.handle());

        assertThat(memberships(details)).containsExactly(
                alice.handle() + "/alpha-p:owner",
                bob.handle() + "/bravo-p:reader",
                bob.handle() + "/charlie-p:editor",
                alice.handle() + "/delta-p:owner");
        assertThat(names(details.get("projects").get(0))).containsExactlyInAnyOrder("project_handle", "owner", "role");
    }

    @Test
    void theOwnerSeesTheSameProjectsWithItsOwnKey() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1");

        Response own = call("GET", "/v1/users/" + alice.handle(), alice.key(), null);

        assertThat(memberships(own.json())).containsExactly(alice.handle() + "/project1:owner");
    }

    @Test
    void unsharingRemovesTheProjectFromTheMembersDetails() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));
        createProject(bob.handle(), bob.key(), "own");

        call("DELETE", projectPath(alice.handle(), "project1") + "/share/" + bob.handle(), alice.key(), null);

        assertThat(memberships(user(bob.handle()))).containsExactly(bob.handle() + "/own:owner");
    }

    @Test
    void numberOfProjectsCountsOnlyOwnedProjects() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "one");
        createProject(alice.handle(), alice.key(), "two");
        createProject(bob.handle(), bob.key(), "three", "shared_with", List.of(member(alice.handle(), "editor")));

        assertThat(numberOfProjects(alice.handle())).isEqualTo(2);
        assertThat(numberOfProjects(bob.handle())).isEqualTo(1);
    }

    @Test
    void numberOfProjectsFollowsDeletesAndTransfers() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "one");
        createProject(alice.handle(), alice.key(), "two");
        createProject(alice.handle(), alice.key(), "three");

        call("DELETE", projectPath(alice.handle(), "one"), alice.key(), null);
        call("POST", projectPath(alice.handle(), "two") + "/transfer-ownership", alice.key(),
                object("new_owner_handle", bob.handle()));

        assertThat(numberOfProjects(alice.handle())).isEqualTo(1);
        assertThat(numberOfProjects(bob.handle())).isEqualTo(1);
    }

    // ---- deleting a user -----------------------------------------------------------------------------------

    @Test
    void deletingAnOwnerRemovesItsProjectsForMembers() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob.handle(), "reader")));

        call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null);

        assertUnauthorized(getProject(alice.handle(), "project1", bob.key()));
        assertThat(user(bob.handle()).has("projects")).isFalse();
        assertThat(listProjects(bob.handle(), bob.key()).json().get("projects")).isEmpty();
    }

    @Test
    void deletingAnOwnerMakesItsProjectsUnknownToTheAdmin() {
        User alice = newUser("alice");
        createProject(alice.handle(), alice.key(), "project1", "public_read", true);

        call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null);

        assertNotFound(getProject(alice.handle(), "project1", ADMIN_KEY), "user " + alice.handle() + " not found");
        assertUnauthorized(getProject(alice.handle(), "project1", null));
    }

    @Test
    void deletingAMemberRemovesItFromTheProject() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carl = newUser("carl");
        createProject(alice.handle(), alice.key(), "project1", "shared_with",
                List.of(member(bob.handle(), "reader"), member(carl.handle(), "editor")));

        call("DELETE", "/v1/users/" + bob.handle(), bob.key(), null);

        assertThat(sharedWith(getProject(alice.handle(), "project1", alice.key())))
                .containsExactly(alice.handle() + ":owner", carl.handle() + ":editor");
        assertThat(call("GET", projectPath(alice.handle(), "project1") + "/shared-with", alice.key(), null).json()
                .get("shared_with")).containsExactly(json(object("user_handle", carl.handle(), "role", "editor")));
    }

    @Test
    void aRecreatedUserDoesNotInheritFormerMemberships() {
        User alice = newUser("alice");
        String bob = unique("bob");
        createUser(bob);
        createProject(alice.handle(), alice.key(), "project1", "shared_with", List.of(member(bob, "editor")));
        call("DELETE", "/v1/users/" + bob, ADMIN_KEY, null);

        String newKey = createUser(bob);

        assertUnauthorized(getProject(alice.handle(), "project1", newKey));
        assertThat(user(bob).has("projects")).isFalse();
    }

    @Test
    void aRecreatedOwnerCanReuseItsFormerProjectHandles() {
        String alice = unique("alice");
        String firstKey = createUser(alice);
        long first = createProject(alice, firstKey, "project1");
        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);
        String key = createUser(alice);

        Response again = putProject(alice, key, "project1");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("project_id").longValue()).isNotEqualTo(first);
        assertThat(numberOfProjects(alice)).isEqualTo(1);
    }
}
