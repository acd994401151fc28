package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Helpers of the API standard HTTP tests: paths, bodies, set-up through the API, the RFC 7807 assertions and a look
 * into the event store. Adds no Spring configuration, so every subclass shares the context (and database) of
 * {@link ApiTestSupport}.
 */
abstract class ApiStandardTestSupport extends ApiTestSupport {

    static final String EVENTS = "io.embapi.shared.apistandard.";
    static final String SAVED = EVENTS + "ApiStandardSavedEvent";
    static final String DELETED = EVENTS + "ApiStandardDeletedEvent";
    static final String KEY_METHOD_ONE_OF =
            "expected value to be one of \"auth_bearer, body_form, query_param, custom_header\"";

    static final String OPENAI_DESCRIPTION = "OpenAI Embeddings API, Version 1, as documented in "
            + "https://platform.openai.com/docs/api-reference/embeddings";
    static final String COHERE_DESCRIPTION = "Cohere Embed API, Version 2, as documented in "
            + "https://docs.cohere.com/reference/embed";
    static final String GEMINI_DESCRIPTION = "Gemini Embeddings API, as documented in "
            + "https://ai.google.dev/gemini-api/docs/embeddings";

    // ---- paths and bodies ----------------------------------------------------------------------------------

    static String path(String handle) {
        return "/v1/api-standards/" + handle;
    }

    /** The four properties of the reference's {@code APIStandard} model, in its order. */
    static String body(String handle, String description, String keyMethod, String keyField) {
        return object("api_standard_handle", handle, "description", description, "key_method", keyMethod,
                "key_field", keyField);
    }

    /** The seeded {@code openai} content with another handle (the reference's {@code valid_api_standard_*.json}). */
    static String openAiLike(String handle) {
        return body(handle, OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    static String seededOpenAi() {
        return openAiLike("openai");
    }

    // ---- calls ---------------------------------------------------------------------------------------------

    protected Response put(String handle, String token, String body) {
        return call("PUT", path(handle), token, body);
    }

    protected Response get(String handle) {
        return call("GET", path(handle), null, null);
    }

    protected Response delete(String handle, String token) {
        return call("DELETE", path(handle), token, null);
    }

    protected Response patch(String handle, String token, String patch) {
        return send("PATCH", path(handle), token, patch, MERGE_PATCH);
    }

    /** Creates (or replaces) a standard with PUT as admin and checks the 201. */
    protected void create(String handle, String description, String keyMethod, String keyField) {
        Response response = put(handle, ADMIN_KEY, body(handle, description, keyMethod, keyField));
        assertThat(response.status()).as("creating API standard %s: %s", handle, response).isEqualTo(201);
    }

    /** Creates a standard with a fresh handle and the given description (auth_bearer, Authorization). */
    protected String createNew(String prefix, String description) {
        String handle = unique(prefix);
        create(handle, description, "auth_bearer", "Authorization");
        return handle;
    }

    /** Every standard of {@code GET /v1/api-standards}, page by page, in the order the service lists them. */
    protected List<JsonNode> allStandards() {
        List<JsonNode> standards = new ArrayList<>();
        for (int offset = 0; ; offset += 200) {
            Response page = call("GET", "/v1/api-standards?limit=200&offset=" + offset, null, null);
            assertThat(page.status()).as("listing API standards: %s", page).isEqualTo(200);
            page.json().get("api_standards").values().forEach(standards::add);
            if (page.json().get("api_standards").size() < 200) {
                return standards;
            }
        }
    }

    protected List<String> allHandles() {
        return allStandards().stream().map(s -> s.get("api_standard_handle").stringValue()).toList();
    }

    static List<String> handlesOf(Response list) {
        List<String> handles = new ArrayList<>();
        list.json().get("api_standards").values().forEach(s -> handles.add(s.get("api_standard_handle").stringValue()));
        return handles;
    }

    /** Puts the seeded {@code openai} content back (other tests rely on it). */
    protected void restoreOpenAi() {
        Response response = put("openai", ADMIN_KEY, seededOpenAi());
        assertThat(response.status()).as("restoring openai: %s", response).isEqualTo(201);
        assertThat(get("openai").json()).isEqualTo(json(seededOpenAi()));
    }

    // ---- definitions (no API yet: a row in the command side's lookup table) --------------------------------

    /** Marks {@code standard} as used by a definition; returns the row's id for {@link #removeDefinition(long)}. */
    protected long insertDefinitionUsing(String standard) {
        long id = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        while (jdbc.queryForObject("SELECT count(*) FROM definition_registry WHERE definition_id = ?", Long.class,
                id) > 0) {
            id++;
        }
        jdbc.update("INSERT INTO definition_registry (definition_id, owner, definition_handle, api_standard, "
                + "is_public) VALUES (?, 'alice', ?, ?, false)", id, unique("def"), standard);
        return id;
    }

    protected void removeDefinition(long id) {
        jdbc.update("DELETE FROM definition_registry WHERE definition_id = ?", id);
    }

    // ---- assertions ----------------------------------------------------------------------------------------

    /** The 404 of a missing API standard {@code handle}. */
    static void assertStandardNotFound(Response response, String handle) {
        assertProblem(response, 404, "Not Found", "API standard " + handle + " not found");
    }

    /** A successful write: 201 {@code {"api_standard_handle": handle}}, answered after the read side has it. */
    static void assertSaved(Response response, String handle) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(201);
        assertThat(response.json()).as("body of %s", response).isEqualTo(json(object("api_standard_handle", handle)));
        assertSynced(response);
    }

    /** The GET answer for {@code handle} is exactly this standard. */
    protected void assertStandard(String handle, String description, String keyMethod, String keyField) {
        Response response = get(handle);
        assertThat(response.status()).as("GET %s: %s", handle, response).isEqualTo(200);
        assertThat(response.json()).as("GET %s", handle).isEqualTo(json(body(handle, description, keyMethod,
                keyField)));
    }

    // ---- event store ---------------------------------------------------------------------------------------

    /** The events of standard {@code handle}'s stream {@code api-standard:<handle>}, in order. */
    protected List<StoredEvent> events(String handle) {
        return streamEvents("api-standard:" + handle);
    }
}
