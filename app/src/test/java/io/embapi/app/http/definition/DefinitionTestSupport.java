package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Helpers of the LLM service definition HTTP tests: paths, bodies, set-up through the API, the RFC 7807 assertions
 * and a look into the event store. Adds no Spring configuration, so every subclass shares the context (and database)
 * of {@link ApiTestSupport}.
 */
abstract class DefinitionTestSupport extends ApiTestSupport {

    static final String SYSTEM = "_system";
    static final String EVENTS = "io.embapi.shared.definition.";
    static final String CREATED = EVENTS + "DefinitionCreatedEvent";
    static final String CHANGED = EVENTS + "DefinitionChangedEvent";
    static final String SHARED = EVENTS + "DefinitionSharedEvent";
    static final String UNSHARED = EVENTS + "DefinitionUnsharedEvent";
    static final String DELETED = EVENTS + "DefinitionDeletedEvent";
    static final String OPENAI_ENDPOINT = "https://api.openai.com/v1/embeddings";
    static final String GEMINI_ENDPOINT =
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent";

    /** The properties of {@code DefinitionBrief} (PUT/POST/PATCH answer and list entries), in order. */
    static final List<String> BRIEF = List.of("definition_id", "definition_handle", "owner", "is_public",
            "number_of_instances");
    /** All properties a GET of one definition may show, in order. */
    static final List<String> FULL = List.of("definition_id", "definition_handle", "owner", "endpoint", "description",
            "api_standard", "model", "dimensions", "context_limit", "is_public");

    // ---- paths ---------------------------------------------------------------------------------------------

    static String definitionPath(String owner, String definition) {
        return "/v1/llm-definitions/" + owner + "/" + definition;
    }

    static String listPath(String user) {
        return "/v1/llm-definitions/" + user;
    }

    // ---- bodies --------------------------------------------------------------------------------------------

    /** A definition body: {@code definition_handle}, {@code api_standard} "openai", then the extra pairs. */
    static String definitionBody(String definition, Object... more) {
        Object[] all = new Object[more.length + 4];
        all[0] = "definition_handle";
        all[1] = definition;
        all[2] = "api_standard";
        all[3] = "openai";
        System.arraycopy(more, 0, all, 4, more.length);
        return object(all);
    }

    /** The body of the reference's sharing test ({@code openai-large} of alice, readOnly {@code owner} included). */
    static String fullBody(String owner, String definition, boolean isPublic) {
        return object("owner", owner, "definition_handle", definition, "endpoint", OPENAI_ENDPOINT,
                "description", "OpenAI instance with large model", "api_standard", "openai",
                "model", "text-embedding-3-large", "dimensions", 3072, "context_limit", 8192, "is_public", isPublic);
    }

    static String shareBody(String user) {
        return object("share_with_handle", user);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.values().forEach(v -> values.add(v.stringValue()));
        return values;
    }

    // ---- set-up and calls through the API ------------------------------------------------------------------

    protected Response putDefinition(String owner, String key, String definition, Object... more) {
        return call("PUT", definitionPath(owner, definition), key, definitionBody(definition, more));
    }

    /** Creates a definition with PUT and returns its id. */
    protected long createDefinition(String owner, String key, String definition, Object... more) {
        Response response = putDefinition(owner, key, definition, more);
        assertThat(response.status()).as("creating definition %s/%s: %s", owner, definition, response)
                .isEqualTo(201);
        return response.json().get("definition_id").longValue();
    }

    protected Response getDefinition(String owner, String definition, String key) {
        return call("GET", definitionPath(owner, definition), key, null);
    }

    protected Response listDefinitions(String user, String key) {
        return call("GET", listPath(user), key, null);
    }

    protected Response share(String owner, String definition, String key, String user) {
        return call("POST", definitionPath(owner, definition) + "/share", key, shareBody(user));
    }

    protected void shareOk(String owner, String definition, String key, String user) {
        Response response = share(owner, definition, key, user);
        assertThat(response.status()).as("sharing %s/%s with %s: %s", owner, definition, user, response)
                .isEqualTo(201);
    }

    protected Response sharedWith(String owner, String definition, String key) {
        return call("GET", definitionPath(owner, definition) + "/shared-with", key, null);
    }

    protected Response patch(String owner, String definition, String key, String patch) {
        return send("PATCH", definitionPath(owner, definition), key, patch, MERGE_PATCH);
    }

    /** The list entries as "owner/handle" strings. */
    static List<String> listed(Response list) {
        assertThat(list.status()).as("listing: %s", list).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        list.json().get("definitions").values().forEach(d -> entries.add(d.get("owner").stringValue() + "/"
                + d.get("definition_handle").stringValue()));
        return entries;
    }

    /** The entry {@code owner/handle} of a list answer, or null. */
    static JsonNode entry(Response list, String owner, String definition) {
        for (JsonNode d : list.json().get("definitions").values()) {
            if (d.get("owner").stringValue().equals(owner)
                    && d.get("definition_handle").stringValue().equals(definition)) {
                return d;
            }
        }
        return null;
    }

    /** The entry of {@code handle} in {@code GET /v1/users}, paging through all users. */
    protected JsonNode userListEntry(String handle) {
        for (int offset = 0; ; offset += 200) {
            Response page = call("GET", "/v1/users?limit=200&offset=" + offset, ADMIN_KEY, null);
            assertThat(page.status()).as("user list: %s", page).isEqualTo(200);
            for (JsonNode entry : page.json().values()) {
                if (entry.get("user_handle").stringValue().equals(handle)) {
                    return entry;
                }
            }
            if (page.json().size() < 200) {
                return null;
            }
        }
    }

    // ---- assertions ----------------------------------------------------------------------------------------

    /** A PUT/POST/PATCH answer: 201 and exactly the {@code DefinitionBrief} of this definition. */
    static void assertBrief(Response response, String owner, String definition, boolean isPublic) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(names(body)).as("properties of %s", response).containsExactlyElementsOf(BRIEF);
        assertThat(body.get("definition_id").longValue()).as("id of %s", response).isGreaterThanOrEqualTo(5);
        assertThat(body.get("definition_handle").stringValue()).isEqualTo(definition);
        assertThat(body.get("owner").stringValue()).isEqualTo(owner);
        assertThat(body.get("is_public").booleanValue()).isEqualTo(isPublic);
        assertThat(body.get("number_of_instances").longValue()).isZero();
    }

    // ---- event store ---------------------------------------------------------------------------------------

    /** The events of definition {@code definitionId}'s stream, in order. */
    protected List<StoredEvent> definitionEvents(long definitionId) {
        return streamEvents("definition:" + definitionId);
    }
}
