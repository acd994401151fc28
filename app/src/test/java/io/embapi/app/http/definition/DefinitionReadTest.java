package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/llm-definitions/{u}} (the definitions a user may use, spec §4.6.3) and
 * {@code GET /v1/llm-definitions/{u}/{d}} (one definition, §4.6.4, with the decision that the admin may read private
 * definitions).
 */
class DefinitionReadTest extends DefinitionTestSupport {

    private static final List<String> SYSTEM_LIST = List.of("_system/cohere-v4", "_system/gemini-embedding-001",
            "_system/openai-large", "_system/openai-small");

    // ---- list ----------------------------------------------------------------------------------------------

    @Test
    void theListHoldsOwnSystemAndSharedDefinitionsOrderedByOwnerThenHandle() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User zoe = newUser("zoe");
        createDefinition(zoe.handle(), zoe.key(), "zeta");
        createDefinition(zoe.handle(), zoe.key(), "alpha");
        createDefinition(zoe.handle(), zoe.key(), "mid");
        createDefinition(alice.handle(), alice.key(), "shared-b");
        createDefinition(alice.handle(), alice.key(), "shared-a");
        createDefinition(alice.handle(), alice.key(), "private");
        createDefinition(bob.handle(), bob.key(), "bobs-public", "is_public", true);
        shareOk(alice.handle(), "shared-b", alice.key(), zoe.handle());
        shareOk(alice.handle(), "shared-a", alice.key(), zoe.handle());

        List<String> expected = new ArrayList<>();
        expected.add(alice.handle() + "/shared-a");
        expected.add(alice.handle() + "/shared-b");
        expected.addAll(SYSTEM_LIST);
        expected.add(zoe.handle() + "/alpha");
        expected.add(zoe.handle() + "/mid");
        expected.add(zoe.handle() + "/zeta");
        assertThat(listed(listDefinitions(zoe.handle(), zoe.key()))).containsExactlyElementsOf(expected);
    }

    @Test
    void publicDefinitionsOfOtherUsersAreNotListed() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(bob.handle(), bob.key(), "bobs-public", "is_public", true);

        assertThat(listed(listDefinitions(alice.handle(), alice.key()))).containsExactlyElementsOf(SYSTEM_LIST);
    }

    @Test
    void listEntriesAreBriefs() {
        User alice = newUser("alice");
        long privateId = createDefinition(alice.handle(), alice.key(), "def-priv", "model", "m", "dimensions", 7);
        long publicId = createDefinition(alice.handle(), alice.key(), "def-pub", "is_public", true);

        Response list = listDefinitions(alice.handle(), alice.key());

        JsonNode privateEntry = entry(list, alice.handle(), "def-priv");
        assertThat(names(privateEntry)).containsExactlyElementsOf(BRIEF);
        assertThat(privateEntry.get("definition_id").longValue()).isEqualTo(privateId);
        assertThat(privateEntry.get("is_public").booleanValue()).isFalse();
        assertThat(privateEntry.get("number_of_instances").longValue()).isZero();
        JsonNode publicEntry = entry(list, alice.handle(), "def-pub");
        assertThat(publicEntry.get("definition_id").longValue()).isEqualTo(publicId);
        assertThat(publicEntry.get("is_public").booleanValue()).isTrue();
    }

    @Test
    void theAdminSeesTheUsersAccessibleSet() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        createDefinition(bob.handle(), bob.key(), "def2");
        shareOk(bob.handle(), "def2", bob.key(), alice.handle());

        List<String> byAdmin = listed(listDefinitions(alice.handle(), ADMIN_KEY));

        assertThat(byAdmin).containsExactlyElementsOf(listed(listDefinitions(alice.handle(), alice.key())));
        assertThat(byAdmin).contains(alice.handle() + "/def1", bob.handle() + "/def2").hasSize(6);
    }

    @Test
    void theDefaultPageHasTwentyEntriesAndLimitAndOffsetPage() {
        User alice = newUser("alice");
        for (int i = 0; i < 17; i++) {
            createDefinition(alice.handle(), alice.key(), String.format("def-%02d", i));
        }
        String path = listPath(alice.handle());

        List<String> all = listed(call("GET", path + "?limit=200", alice.key(), null));
        List<String> firstPage = listed(listDefinitions(alice.handle(), alice.key()));
        List<String> rest = listed(call("GET", path + "?offset=20", alice.key(), null));
        List<String> window = listed(call("GET", path + "?limit=3&offset=2", alice.key(), null));

        assertThat(all).hasSize(21);
        assertThat(firstPage).containsExactlyElementsOf(all.subList(0, 20));
        assertThat(rest).containsExactly(all.get(20));
        assertThat(window).containsExactlyElementsOf(all.subList(2, 5));
    }

    @Test
    void anOffsetBeyondTheEndGivesAnEmptyList() {
        User alice = newUser("alice");

        Response response = call("GET", listPath(alice.handle()) + "?offset=100", alice.key(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json("{\"definitions\":[]}"));
    }

    @Test
    void theLimitMustBeBetweenOneAndTwoHundred() {
        User alice = newUser("alice");

        assertValidationError(call("GET", listPath(alice.handle()) + "?limit=0", alice.key(), null),
                "expected number >= 1", "query.limit");
        assertValidationError(call("GET", listPath(alice.handle()) + "?limit=201", alice.key(), null),
                "expected number <= 200", "query.limit");
    }

    @Test
    void listingForAMissingUserIsNotFoundForTheAdmin() {
        String ghost = unique("ghost");

        assertNotFound(listDefinitions(ghost, ADMIN_KEY), "user " + ghost + " not found");
    }

    @Test
    void listingForAMissingUserIsUnauthorizedForOthers() {
        User alice = newUser("alice");

        assertUnauthorized(listDefinitions(unique("ghost"), alice.key()));
    }

    // ---- one -----------------------------------------------------------------------------------------------

    @Test
    void theOwnerTheAdminAndTheSharedUserReadAPrivateDefinition() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createDefinition(alice.handle(), alice.key(), "def1", "model", "m1", "dimensions", 12);
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        for (String key : List.of(alice.key(), ADMIN_KEY, bob.key())) {
            Response response = getDefinition(alice.handle(), "def1", key);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("definition_id").longValue()).isEqualTo(id);
            assertThat(body.get("owner").stringValue()).isEqualTo(alice.handle());
            assertThat(body.get("model").stringValue()).isEqualTo("m1");
            assertThat(body.get("dimensions").intValue()).isEqualTo(12);
            assertThat(body.has("is_public")).isFalse();
        }
    }

    @Test
    void otherUsersAndAnonymousCallersCannotReadAPrivateDefinition() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");

        assertUnauthorized(getDefinition(alice.handle(), "def1", bob.key()));
        assertUnauthorized(getDefinition(alice.handle(), "def1", null));
    }

    @Test
    void everyoneReadsAPublicDefinition() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1", "model", "m1", "is_public", true);

        for (String key : new String[] {null, bob.key(), "0123456789abcdef".repeat(4), alice.key(), ADMIN_KEY}) {
            Response response = getDefinition(alice.handle(), "def1", key);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.json().get("model").stringValue()).isEqualTo("m1");
            assertThat(response.json().get("is_public").booleanValue()).isTrue();
        }
    }

    @Test
    void makingADefinitionPrivateAgainLocksOthersOut() {
        User alice = newUser("alice");
        createDefinition(alice.handle(), alice.key(), "def1", "is_public", true);
        assertThat(getDefinition(alice.handle(), "def1", null).status()).isEqualTo(200);

        createDefinition(alice.handle(), alice.key(), "def1", "is_public", false);

        assertUnauthorized(getDefinition(alice.handle(), "def1", null));
    }

    @Test
    void aMissingDefinitionIsNotFoundForTheOwnerAndTheAdmin() {
        User alice = newUser("alice");

        assertNotFound(getDefinition(alice.handle(), "nothing", alice.key()),
                "llm definition " + alice.handle() + "/nothing not found");
        assertNotFound(getDefinition(alice.handle(), "nothing", ADMIN_KEY),
                "llm definition " + alice.handle() + "/nothing not found");
    }

    @Test
    void aMissingDefinitionIsUnauthorizedForOthers() {
        User alice = newUser("alice");
        User bob = newUser("bob");

        assertUnauthorized(getDefinition(alice.handle(), "nothing", bob.key()));
        assertUnauthorized(getDefinition(alice.handle(), "nothing", null));
    }

    @Test
    void aMissingUserIsNotFoundForTheAdmin() {
        String ghost = unique("ghost");

        assertNotFound(getDefinition(ghost, "def1", ADMIN_KEY), "user " + ghost + " not found");
    }

    @Test
    void aSharedUserCannotReadTheOwnersOtherDefinitions() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        createDefinition(alice.handle(), alice.key(), "def1");
        createDefinition(alice.handle(), alice.key(), "def2");
        shareOk(alice.handle(), "def1", alice.key(), bob.handle());

        assertThat(getDefinition(alice.handle(), "def1", bob.key()).status()).isEqualTo(200);
        assertUnauthorized(getDefinition(alice.handle(), "def2", bob.key()));
        assertUnauthorized(listDefinitions(alice.handle(), bob.key()));
    }
}
