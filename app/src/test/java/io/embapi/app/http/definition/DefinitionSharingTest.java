package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Sharing definitions (spec §4.6.6–§4.6.8): {@code POST …/share}, {@code DELETE …/share/{x}},
 * {@code GET …/shared-with}, and the reference's {@code TestDefinitionSharingFunc} steps 11–13 (§7.17).
 */
class DefinitionSharingTest extends DefinitionTestSupport {

    @Test
    void theReferenceSharingScenario() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        Response put = call("PUT", definitionPath(alice.handle(), "openai-large"), alice.key(),
                fullBody(alice.handle(), "openai-large", false));
        assertThat(put.status()).as("%s", put).isEqualTo(201);

        Response shared = share(alice.handle(), "openai-large", alice.key(), bob.handle());
        assertThat(shared.status()).as("%s", shared).isEqualTo(201);
        assertThat(shared.json()).isEqualTo(json(object("owner", alice.handle(), "definition_handle", "openai-large",
                "shared_with", java.util.List.of(bob.handle()))));
        assertThat(names(shared.json())).containsExactly("owner", "definition_handle", "shared_with");
        assertSynced(shared);

        Response list = sharedWith(alice.handle(), "openai-large", alice.key());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).isEqualTo(json("[\"" + bob.handle() + "\"]"));

        Response unshared = call("DELETE", definitionPath(alice.handle(), "openai-large") + "/share/" + bob.handle(),
                alice.key(), null);
        assertThat(unshared.status()).isEqualTo(204);
        assertThat(unshared.body()).isEmpty();
        assertSynced(unshared);
        assertThat(sharedWith(alice.handle(), "openai-large", alice.key()).json()).isEqualTo(json("[]"));
    }

    @Test
    void aSharedUserReadsTheDefinitionAndFindsItInItsListUntilUnshared() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        assertUnauthorized(getDefinition(alice.handle(), "def1", bob.key()));

        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertThat(getDefinition(alice.handle(), "def1", bob.key()).status()).isEqualTo(200);
        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).contains(alice.handle() + "/def1");

        assertThat(call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + bob.handle(), alice.key(),
                null).status()).isEqualTo(204);

        assertUnauthorized(getDefinition(alice.handle(), "def1", bob.key()));
        assertThat(listed(listDefinitions(bob.handle(), bob.key()))).doesNotContain(alice.handle() + "/def1");
    }

    @Test
    void theAdminMayShareAndUnshare() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");

        Response shared = share(alice.handle(), "def1", ADMIN_KEY, bob.handle());

        assertThat(shared.status()).as("%s", shared).isEqualTo(201);
        assertThat(shared.json().get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(sharedWith(alice.handle(), "def1", ADMIN_KEY).json()).isEqualTo(json("[\"" + bob.handle() + "\"]"));
        assertThat(call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + bob.handle(), ADMIN_KEY, null)
                .status()).isEqualTo(204);
        assertThat(sharedWith(alice.handle(), "def1", ADMIN_KEY).json()).isEqualTo(json("[]"));
    }

    @Test
    void theSharedWithListIsSortedAndAnswersOnlyTheNewUserOnEachShare() {
        User alice = newUser("alice");
        User carol = newUser("carol");
        User anna = newUser("anna");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");

        for (User user : new User[] {carol, anna, bob}) {
            Response shared = share(alice.handle(), "def1", alice.key(), user.handle());
            assertThat(shared.json().get("shared_with")).isEqualTo(json("[\"" + user.handle() + "\"]"));
        }

        assertThat(strings(sharedWith(alice.handle(), "def1", alice.key()).json()))
                .containsExactly(anna.handle(), bob.handle(), carol.handle());
        assertThat(strings(call("GET", definitionPath(alice.handle(), "def1") + "/shared-with?limit=1&offset=1",
                alice.key(), null).json())).containsExactly(bob.handle());
    }

    @Test
    void nothingSharedIsAnEmptyArray() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");

        Response response = sharedWith(alice.handle(), "def1", alice.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().strip()).isEqualTo("[]");
    }

    @Test
    void theSharedWithLimitDefaultsToOneHundredAndIsBounded() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");
        String path = definitionPath(alice.handle(), "def1") + "/shared-with";

        assertValidationError(call("GET", path + "?limit=0", alice.key(), null), "expected number >= 1",
                "query.limit");
        assertValidationError(call("GET", path + "?limit=201", alice.key(), null), "expected number <= 200",
                "query.limit");
        assertThat(call("GET", path + "?limit=200", alice.key(), null).status()).isEqualTo(200);
    }

    @Test
    void sharingTwiceIsFine() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        Response again = share(alice.handle(), "def1", alice.key(), bob.handle());

        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.json().get("shared_with")).isEqualTo(json("[\"" + bob.handle() + "\"]"));
        assertThat(strings(sharedWith(alice.handle(), "def1", alice.key()).json())).containsExactly(bob.handle());
    }

    @Test
    void unsharingAUserItIsNotSharedWithIsFine() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");

        Response response = call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + bob.handle(),
                alice.key(), null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + unique("ghost"), alice.key(),
                null).status()).isEqualTo(204);
    }

    @Test
    void sharingAMissingDefinitionIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        assertNotFound(share(alice.handle(), "nonexistent", alice.key(), bob.handle()),
                "definition " + alice.handle() + "/nonexistent not found");
        assertNotFound(share(alice.handle(), "nonexistent", ADMIN_KEY, bob.handle()),
                "definition " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void unsharingFromAMissingDefinitionIsNotFound() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        assertNotFound(call("DELETE", definitionPath(alice.handle(), "nonexistent") + "/share/" + bob.handle(),
                alice.key(), null), "definition " + alice.handle() + "/nonexistent not found");
    }

    @Test
    void sharingWithAMissingUserIsABadRequest() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");
        String charlie = unique("charlie");

        assertBadRequest(share(alice.handle(), "def1", alice.key(), charlie),
                "target user " + charlie + " does not exist: user " + charlie + " not found");
        assertThat(sharedWith(alice.handle(), "def1", alice.key()).json()).isEqualTo(json("[]"));
    }

    @Test
    void sharingWithTheOwnerIsABadRequest() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");

        assertBadRequest(share(alice.handle(), "def1", alice.key(), alice.handle()),
                "cannot share definition with owner");
        assertBadRequest(share(alice.handle(), "def1", ADMIN_KEY, alice.handle()),
                "cannot share definition with owner");
        assertThat(sharedWith(alice.handle(), "def1", alice.key()).json()).isEqualTo(json("[]"));
    }

    @Test
    void theShareBodyNeedsAHandle() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1");

        assertValidationError(call("POST", definitionPath(alice.handle(), "def1") + "/share", alice.key(), "{}"),
                "expected required property share_with_handle to be present", "body");
        assertValidationError(call("POST", definitionPath(alice.handle(), "def1") + "/share", alice.key(),
                object("share_with_handle", "bob", "role", "reader")), "unexpected property", "body.role");
    }

    @Test
    void aSharedUserCannotShareFurtherNorSeeTheShares() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carol = newUser("carol");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertUnauthorized(share(alice.handle(), "def1", bob.key(), carol.handle()));
        assertUnauthorized(sharedWith(alice.handle(), "def1", bob.key()));
        assertUnauthorized(call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + bob.handle(),
                bob.key(), null));
        assertThat(strings(sharedWith(alice.handle(), "def1", alice.key()).json())).containsExactly(bob.handle());
    }

    @Test
    void aReSharedAfterUnshareUserGetsAccessAgain() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());
        call("DELETE", definitionPath(alice.handle(), "def1") + "/share/" + bob.handle(), alice.key(), null);

        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertThat(getDefinition(alice.handle(), "def1", bob.key()).status()).isEqualTo(200);
        assertThat(strings(sharedWith(alice.handle(), "def1", alice.key()).json())).containsExactly(bob.handle());
    }
}
