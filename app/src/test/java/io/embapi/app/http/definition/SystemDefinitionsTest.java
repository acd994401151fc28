package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The four seeded public {@code _system} definitions (spec §3.6, §2.4): present at start with ids 1..4, readable by
 * everyone (even without a key), listed for every user, counted for {@code _system} in the user list, and never
 * writable through the API (403 with the admin key, 401 for anyone else; reference test §7.18 #10, #11).
 */
class SystemDefinitionsTest extends DefinitionTestSupport {

    /** One seeded definition as §3.6 lists it. */
    record Seeded(long id, String handle, String apiStandard, String model, int dimensions, int contextLimit,
                  String endpoint) {
    }

    static final List<Seeded> SEEDED = List.of(
            new Seeded(1, "openai-large", "openai", "text-embedding-3-large", 3072, 8192, OPENAI_ENDPOINT),
            new Seeded(2, "openai-small", "openai", "text-embedding-3-small", 1536, 8191, OPENAI_ENDPOINT),
            new Seeded(3, "cohere-v4", "cohere", "embed-v4.0", 1536, 128000, "https://api.cohere.com/v2/embed"),
            new Seeded(4, "gemini-embedding-001", "gemini", "gemini-embedding-001", 3072, 2048, GEMINI_ENDPOINT));

    static Stream<Seeded> seeded() {
        return SEEDED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeded")
    void eachSeededDefinitionIsReadableWithoutAKeyWithItsSpec(Seeded seeded) {
        Response response = getDefinition(SYSTEM, seeded.handle(), null);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("definition_id").longValue()).isEqualTo(seeded.id());
        assertThat(body.get("definition_handle").stringValue()).isEqualTo(seeded.handle());
        assertThat(body.get("owner").stringValue()).isEqualTo(SYSTEM);
        assertThat(body.get("endpoint").stringValue()).isEqualTo(seeded.endpoint());
        assertThat(body.get("api_standard").stringValue()).isEqualTo(seeded.apiStandard());
        assertThat(body.get("model").stringValue()).isEqualTo(seeded.model());
        assertThat(body.get("dimensions").intValue()).isEqualTo(seeded.dimensions());
        assertThat(body.get("context_limit").intValue()).isEqualTo(seeded.contextLimit());
        assertThat(body.get("is_public").booleanValue()).isTrue();
    }

    @Test
    void theSeededDefinitionShowsItsPropertiesInTheReferenceOrder() {
        JsonNode body = getDefinition(SYSTEM, "openai-large", null).json();

        List<String> expected = new ArrayList<>(FULL);
        if (!body.has("description")) {
            expected.remove("description");
        }
        assertThat(names(body)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = {"admin", "user", "wrong key"})
    void seededDefinitionsAreReadableWithAnyKey(String who) {
        String key = switch (who) {
            case "admin" -> ADMIN_KEY;
            case "user" -> newUser("reader").key();
            default -> "0123456789abcdef".repeat(4);
        };

        Response response = getDefinition(SYSTEM, "cohere-v4", key);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().get("definition_id").longValue()).isEqualTo(3);
    }

    @Test
    void aMissingSystemDefinitionIsNotFoundForTheAdmin() {
        assertNotFound(getDefinition(SYSTEM, "no-such-def", ADMIN_KEY), "llm definition _system/no-such-def not found");
    }

    @Test
    void aMissingSystemDefinitionIsUnauthorizedWithoutAKey() {
        assertUnauthorized(getDefinition(SYSTEM, "no-such-def", null));
    }

    @Test
    void everyUsersListContainsTheFourSystemDefinitionsAsPublicBriefs() {
        User alice = newUser("alice");

        Response list = listDefinitions(alice.handle(), alice.key());

        assertThat(listed(list)).containsExactly("_system/cohere-v4", "_system/gemini-embedding-001",
                "_system/openai-large", "_system/openai-small");
        for (Seeded seeded : SEEDED) {
            JsonNode entry = entry(list, SYSTEM, seeded.handle());
            assertThat(names(entry)).containsExactlyElementsOf(BRIEF);
            assertThat(entry.get("definition_id").longValue()).isEqualTo(seeded.id());
            assertThat(entry.get("is_public").booleanValue()).isTrue();
            assertThat(entry.get("number_of_instances").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void theUserListShowsSystemWithFourDefinitions() {
        JsonNode system = userListEntry(SYSTEM);

        assertThat(system).as("_system in GET /v1/users").isNotNull();
        assertThat(system.get("number_of_definitions").intValue()).isEqualTo(4);
    }

    @Test
    void theUserListCountsTheDefinitionsAUserOwns() {
        User alice = newUser("alice");
        assertThat(userListEntry(alice.handle()).get("number_of_definitions").intValue()).isZero();

        createDefinition(alice.handle(), alice.key(), "def-one");
        createDefinition(alice.handle(), alice.key(), "def-two");

        assertThat(userListEntry(alice.handle()).get("number_of_definitions").intValue()).isEqualTo(2);
        assertThat(call("DELETE", definitionPath(alice.handle(), "def-one"), alice.key(), null).status())
                .isEqualTo(204);
        assertThat(userListEntry(alice.handle()).get("number_of_definitions").intValue()).isEqualTo(1);
        assertThat(userListEntry(SYSTEM).get("number_of_definitions").intValue()).isEqualTo(4);
    }

    @Test
    void theSeededStreamsHoldOneCreationEachOwnedBySystem() {
        for (Seeded seeded : SEEDED) {
            List<StoredEvent> events = definitionEvents(seeded.id());
            assertThat(events).extracting(StoredEvent::type).as("stream definition:%s", seeded.id())
                    .startsWith(CREATED);
            JsonNode payload = events.get(0).payloadJson();
            assertThat(payload.get("owner").stringValue()).isEqualTo(SYSTEM);
            assertThat(payload.get("definitionHandle").stringValue()).isEqualTo(seeded.handle());
            assertThat(events).extracting(StoredEvent::type).doesNotContain(DELETED);
        }
    }

    // ---- _system is read-only ------------------------------------------------------------------------------

    /** A write on {@code _system}'s definitions. */
    enum Write {
        PUT, PUT_NEW, POST, PATCH, DELETE, SHARE, UNSHARE
    }

    static Stream<Arguments> writes() {
        return Stream.of(Write.values()).map(Arguments::of);
    }

    private Response write(Write write, String key, String target) {
        String path = definitionPath(SYSTEM, "openai-large");
        return switch (write) {
            // the reference's §7.18 #10 body
            case PUT_NEW -> call("PUT", definitionPath(SYSTEM, "test-def"), key,
                    object("definition_handle", "test-def", "api_standard", "openai", "model", "test",
                            "dimensions", 5));
            case PUT -> call("PUT", path, key, definitionBody("openai-large", "model", "changed"));
            case POST -> call("POST", listPath(SYSTEM), key, definitionBody("openai-large", "model", "changed"));
            case PATCH -> send("PATCH", path, key, "{\"model\":\"changed\"}", MERGE_PATCH);
            case DELETE -> call("DELETE", path, key, null);
            case SHARE -> call("POST", path + "/share", key, shareBody(target));
            case UNSHARE -> call("DELETE", path + "/share/" + target, key, null);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void theAdminCannotWriteSystemDefinitions(Write write) {
        User target = newUser("target");
        int before = definitionEvents(1).size();

        assertSystemReadOnly(write(write, ADMIN_KEY, target.handle()));

        assertThat(definitionEvents(1)).as("stream definition:1").hasSize(before);
        JsonNode body = getDefinition(SYSTEM, "openai-large", null).json();
        assertThat(body.get("model").stringValue()).isEqualTo("text-embedding-3-large");
        assertNotFound(getDefinition(SYSTEM, "test-def", ADMIN_KEY), "llm definition _system/test-def not found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void anyoneElseIsUnauthorizedToWriteSystemDefinitions(Write write) {
        User user = newUser("user");

        assertUnauthorized(write(write, user.key(), user.handle()));
        assertUnauthorized(write(write, null, user.handle()));
    }

    @Test
    void usersCannotReadTheSharedWithListOfASystemDefinition() {
        User user = newUser("user");

        assertUnauthorized(sharedWith(SYSTEM, "openai-large", user.key()));
        assertUnauthorized(sharedWith(SYSTEM, "openai-large", null));
    }
}
