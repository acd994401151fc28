package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing, reading unknown instances, deleting, and the link from projects. */
class InstanceReadDeleteTest extends InstanceTestSupport {

    private String projectBody(String project, String instanceOwner, String instance) {
        return object("project_handle", project, "description", "uses an instance", "instance_owner", instanceOwner,
                "instance_handle", instance);
    }

    @Test
    void listShowsTheBriefOfEachInstance() {
        String alice = unique("alice");
        String key = createUser(alice);
        long first = createInstance(alice, key, "embedding1");
        long second = createInstance(alice, key, "embedding2");

        for (String token : new String[] {key, ADMIN_KEY}) {
            Response list = call("GET", listPath(alice), token, null);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            assertThat(names(list.json())).containsExactly("instances");
            JsonNode instances = list.json().get("instances");
            assertThat(instances.size()).isEqualTo(2);
            JsonNode entry = instances.get(0);
            assertThat(names(entry)).containsExactly("owner", "instance_handle", "instance_id", "access_role",
                    "number_of_projects", "number_of_shared_users");
            assertThat(entry.get("owner").stringValue()).isEqualTo(alice);
            assertThat(entry.get("instance_handle").stringValue()).isEqualTo("embedding1");
            assertThat(entry.get("instance_id").longValue()).isEqualTo(first);
            assertThat(entry.get("access_role").stringValue()).isEqualTo("owner");
            assertThat(entry.get("number_of_projects").longValue()).isZero();
            assertThat(entry.get("number_of_shared_users").longValue()).isZero();
            assertThat(instances.get(1).get("instance_id").longValue()).isEqualTo(second);
        }
        assertUnauthorized(call("GET", listPath(alice), null, null));
        String john = unique("john");
        assertProblem(call("GET", listPath(john), ADMIN_KEY, null), 404, "user " + john + " not found");
    }

    @Test
    void unknownInstancesAreNotFound() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertProblem(call("GET", instancePath(alice, "nonexistent"), key, null), 404,
                "llm service nonexistent for user " + alice + " not found");
        assertProblem(call("DELETE", instancePath(alice, "nonexistent"), key, null), 404,
                "llm service nonexistent for user " + alice + " not found");
        String john = unique("john");
        assertProblem(call("DELETE", instancePath(john, "embedding1"), ADMIN_KEY, null), 404,
                "user " + john + " not found");
    }

    @Test
    void deleteRemovesTheInstance() {
        String alice = unique("alice");
        String key = createUser(alice);
        createInstance(alice, key, "embedding1");
        assertUnauthorized(call("DELETE", instancePath(alice, "embedding1"), null, null));
        Response deleted = call("DELETE", instancePath(alice, "embedding1"), key, null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertProblem(call("GET", instancePath(alice, "embedding1"), key, null), 404,
                "llm service embedding1 for user " + alice + " not found");
        assertThat(call("GET", listPath(alice), key, null).json().get("instances").size()).isZero();
        // the handle can be used again
        createInstance(alice, key, "embedding1");
    }

    @Test
    void anInstanceUsedByAProjectCannotBeDeleted() {
        String alice = unique("alice");
        String key = createUser(alice);
        createInstance(alice, key, "embedding1");
        Response project = call("PUT", "/v1/projects/" + alice + "/proj1", key,
                projectBody("proj1", alice, "embedding1"));
        assertThat(project.status()).as(project.toString()).isEqualTo(201);

        JsonNode entry = call("GET", listPath(alice), key, null).json().get("instances").get(0);
        assertThat(entry.get("number_of_projects").longValue()).isEqualTo(1);

        Response refused = call("DELETE", instancePath(alice, "embedding1"), key, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(call("GET", instancePath(alice, "embedding1"), key, null).status()).isEqualTo(200);

        assertThat(call("DELETE", "/v1/projects/" + alice + "/proj1", key, null).status()).isEqualTo(204);
        assertThat(call("DELETE", instancePath(alice, "embedding1"), key, null).status()).isEqualTo(204);
    }

    @Test
    void aProjectCanLinkAnExistingInstanceButNotAMissingOne() {
        String alice = unique("alice");
        String key = createUser(alice);
        createInstance(alice, key, "embedding1");
        Response linked = call("PUT", "/v1/projects/" + alice + "/linked", key,
                projectBody("linked", alice, "embedding1"));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertProblem(call("PUT", "/v1/projects/" + alice + "/unlinked", key,
                projectBody("unlinked", alice, "nothere")), 404,
                "LLM Service Instance nothere owned by " + alice + " not found");
    }
}
