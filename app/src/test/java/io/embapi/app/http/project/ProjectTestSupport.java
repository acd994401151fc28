package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers of the project HTTP tests: project set-up through the API, JSON building, the RFC 7807 assertions and a
 * look into the event store. Adds no Spring configuration, so every subclass shares the context (and database) of
 * {@link ApiTestSupport}.
 */
abstract class ProjectTestSupport extends ApiTestSupport {

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

    // ---- JSON ----------------------------------------------------------------------------------------------

    static String projectBody(String project, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "project_handle";
        all[1] = project;
        System.arraycopy(more, 0, all, 2, more.length);
        return object(all);
    }

    /** A {@code shared_with} entry. */
    static Map<String, Object> member(String user, String role) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("user_handle", user);
        map.put("role", role);
        return map;
    }

    // ---- assertions ----------------------------------------------------------------------------------------

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
        return streamEvents("project:" + projectId);
    }
}
