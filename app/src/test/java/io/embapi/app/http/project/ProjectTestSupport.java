package io.embapi.app.http.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Helpers of the project HTTP tests: project set-up through the API, JSON building, the RFC 7807 assertions and a
 * look into the event store. Adds no Spring configuration, so every subclass shares the context (and database) of
 * {@link ApiTestSupport}.
 */
abstract class ProjectTestSupport extends ApiTestSupport {

    static final String AUTH_FAILED = "Authentication failed. Perhaps a missing or incorrect API key?";
    static final String SYSTEM_READ_ONLY = "_system user cannot send requests - this is a read-only account";
    static final String CONSISTENCY = "X-Embapi-Consistency";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String EVENTS = "io.embapi.shared.project.";

    // ---- paths ---------------------------------------------------------------------------------------------

    static String projectPath(String owner, String project) {
        return "/v1/projects/" + owner + "/" + project;
    }

    static String listPath(String user) {
        return "/v1/projects/" + user;
    }

    // ---- set-up through the API ----------------------------------------------------------------------------

    /** PUT of a project with the given extra properties (name, value, ...) after {@code project_handle}. */
    protected Response putProject(String owner, String key, String project, Object... more) {
        return call("PUT", projectPath(owner, project), key, projectBody(project, more));
    }

    /** Creates a project with PUT (owner's key) and returns its id. */
    protected long createProject(String owner, String key, String project, Object... more) {
        Response response = putProject(owner, key, project, more);
        assertThat(response.status()).as("creating project %s/%s: %s", owner, project, response).isEqualTo(201);
        return response.json().get("project_id").longValue();
    }

    protected void share(String owner, String key, String project, String user, String role) {
        Response response = call("POST", projectPath(owner, project) + "/share", key,
                object("share_with_handle", user, "role", role));
        assertThat(response.status()).as("sharing %s/%s with %s: %s", owner, project, user, response)
                .isEqualTo(201);
    }

    protected Response getProject(String owner, String project, String key) {
        return call("GET", projectPath(owner, project), key, null);
    }

    protected Response listProjects(String user, String key) {
        return call("GET", listPath(user), key, null);
    }

    /** A user with its key. */
    record User(String handle, String key) {
    }

    protected User newUser(String prefix) {
        String handle = unique(prefix);
        return new User(handle, createUser(handle));
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    static String projectBody(String project, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "project_handle";
        all[1] = project;
        System.arraycopy(more, 0, all, 2, more.length);
        return object(all);
    }

    /** A JSON object from name/value pairs, in the given order (values: strings, numbers, booleans, maps, lists). */
    static String object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    /** A {@code shared_with} entry. */
    static Map<String, Object> member(String user, String role) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("user_handle", user);
        map.put("role", role);
        return map;
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    // ---- assertions ----------------------------------------------------------------------------------------

    /** The answer is problem JSON with exactly this status, title and detail (and no {@code errors}). */
    static void assertProblem(Response response, int status, String title, String detail) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("title").stringValue()).as("title of %s", response).isEqualTo(title);
        assertThat(body.get("status").intValue()).as("status field of %s", response).isEqualTo(status);
        assertThat(body.get("detail").stringValue()).as("detail of %s", response).isEqualTo(detail);
        assertThat(body.has("errors")).as("errors in %s", response).isFalse();
    }

    static void assertUnauthorized(Response response) {
        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    static void assertNotFound(Response response, String detail) {
        assertProblem(response, 404, "Not Found", detail);
    }

    static void assertBadRequest(Response response, String detail) {
        assertProblem(response, 400, "Bad Request", detail);
    }

    /** A 422 {@code validation failed} listing an error with this message at this location. */
    static void assertValidationError(Response response, String message, String location) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(422);
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("title").stringValue()).isEqualTo("Unprocessable Entity");
        assertThat(body.get("detail").stringValue()).isEqualTo("validation failed");
        List<String> found = new ArrayList<>();
        body.get("errors").values().forEach(e -> found.add(e.get("message").stringValue() + " @ "
                + e.get("location").stringValue()));
        assertThat(found).as("errors of %s", response).contains(message + " @ " + location);
    }

    static void assertSynced(Response response) {
        assertThat(response.header(CONSISTENCY)).as("consistency of %s", response).isEqualTo("synced");
    }

    /** The {@code shared_with} list of a GET project answer as "user:role" strings. */
    static List<String> sharedWith(Response project) {
        List<String> entries = new ArrayList<>();
        project.json().get("shared_with").values().forEach(e -> entries.add(
                e.get("user_handle").stringValue() + ":" + e.get("role").stringValue()));
        return entries;
    }

    /** The {@code projects} list of a GET project list answer as "owner/handle:role" strings. */
    static List<String> projectList(Response list) {
        List<String> entries = new ArrayList<>();
        list.json().get("projects").values().forEach(p -> entries.add(p.get("owner").stringValue() + "/"
                + p.get("project_handle").stringValue() + ":" + p.get("role").stringValue()));
        return entries;
    }

    // ---- event store ---------------------------------------------------------------------------------------

    /** The events of project {@code projectId}'s stream, in order. */
    protected List<StoredEvent> projectEvents(long projectId) {
        return jdbc.query("SELECT payloadtype, sequencenumber, convert_from(payload, 'UTF8'), "
                        + "coalesce(convert_from(metadata, 'UTF8'), '') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, i) -> new StoredEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                "project:" + projectId);
    }

    record StoredEvent(String type, long sequence, String payload, String metadata) {

        JsonNode metadataJson() {
            return JSON.readTree(metadata);
        }
    }
}
