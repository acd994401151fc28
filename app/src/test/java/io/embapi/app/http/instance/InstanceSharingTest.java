package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sharing instances (reference llm_services_sharing_test.go and §4.7.7–4.7.9). */
class InstanceSharingTest extends InstanceTestSupport {

    @Test
    void shareReadAndUnshare() {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        String aliceKey = createUser(alice);
        String bobKey = createUser(bob);
        String carolKey = createUser(carol);
        String path = instancePath(alice, "embedding1");
        createInstance(alice, aliceKey, "embedding1", "dimensions", 3072);

        Response shared = call("POST", path + "/share", aliceKey, shareBody(bob, "reader"));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        assertThat(shared.json()).isEqualTo(JSON.readTree("{\"owner\":\"" + alice
                + "\",\"instance_handle\":\"embedding1\",\"shared_with\":[{\"user_handle\":\"" + bob
                + "\",\"role\":\"reader\"}]}"));
        assertThat(names(shared.json())).containsExactly("owner", "instance_handle", "shared_with");

        Response asReader = call("GET", path, bobKey, null);
        assertThat(asReader.status()).as(asReader.toString()).isEqualTo(200);
        assertThat(asReader.json().get("access_role").stringValue()).isEqualTo("reader");
        assertThat(asReader.json().get("owner").stringValue()).isEqualTo(alice);
        assertUnauthorized(call("GET", path, carolKey, null));

        Response sharedWith = call("GET", path + "/shared-with", aliceKey, null);
        assertThat(sharedWith.status()).isEqualTo(200);
        assertThat(sharedWith.json()).isEqualTo(JSON.readTree("{\"owner\":\"" + alice
                + "\",\"instance_handle\":\"embedding1\",\"shared_with\":[{\"user_handle\":\"" + bob
                + "\",\"role\":\"reader\"}]}"));

        // re-sharing changes the role
        assertThat(call("POST", path + "/share", aliceKey, shareBody(bob, "editor")).status()).isEqualTo(201);
        assertThat(call("GET", path, bobKey, null).json().get("access_role").stringValue()).isEqualTo("editor");
        share(alice, aliceKey, "embedding1", carol, "reader");
        JsonNode both = call("GET", path + "/shared-with", aliceKey, null).json().get("shared_with");
        assertThat(both.size()).isEqualTo(2);

        Response unshared = call("DELETE", path + "/share/" + bob, aliceKey, null);
        assertThat(unshared.status()).as(unshared.toString()).isEqualTo(204);
        assertUnauthorized(call("GET", path, bobKey, null));
        assertProblem(call("DELETE", path + "/share/" + bob, aliceKey, null), 404,
                "instance " + alice + "/embedding1 is not shared with user " + bob);
        assertThat(call("DELETE", path + "/share/" + carol, ADMIN_KEY, null).status()).isEqualTo(204);

        Response none = call("GET", path + "/shared-with", aliceKey, null);
        assertThat(none.json()).isEqualTo(JSON.readTree("{\"owner\":\"" + alice
                + "\",\"instance_handle\":\"embedding1\",\"shared_with\":[]}"));
    }

    @Test
    void sharingRules() {
        String alice = unique("alice");
        String bob = unique("bob");
        String aliceKey = createUser(alice);
        String bobKey = createUser(bob);
        String path = instancePath(alice, "embedding1");
        createInstance(alice, aliceKey, "embedding1");

        assertProblem(call("POST", path + "/share", aliceKey, shareBody(alice, "reader")), 400,
                "cannot share instance with owner");
        assertValidationFailed(call("POST", path + "/share", aliceKey, shareBody(bob, "owner")));
        assertProblem(call("POST", instancePath(alice, "nonexistent") + "/share", aliceKey, shareBody(bob, "reader")),
                404, "instance " + alice + "/nonexistent not found");
        String charlie = unique("charlie");
        assertProblem(call("POST", path + "/share", aliceKey, shareBody(charlie, "reader")), 400,
                "target user " + charlie + " does not exist: user " + charlie + " not found");
        assertUnauthorized(call("POST", path + "/share", bobKey, shareBody(alice, "editor")));
        assertProblem(call("DELETE", instancePath(alice, "nonexistent") + "/share/" + bob, aliceKey, null), 404,
                "instance " + alice + "/nonexistent not found");
        assertProblem(call("DELETE", path + "/share/" + bob, aliceKey, null), 404,
                "instance " + alice + "/embedding1 is not shared with user " + bob);
        assertThat(call("GET", path + "/shared-with", aliceKey, null).json().get("shared_with").size()).isZero();
    }

    @Test
    void sharedInstancesAreListedForTheUserTheyAreSharedWith() {
        String alice = unique("alice");
        String bob = unique("bob");
        String aliceKey = createUser(alice);
        String bobKey = createUser(bob);
        createInstance(alice, aliceKey, "embedding1");
        createInstance(bob, bobKey, "bobs-own");
        share(alice, aliceKey, "embedding1", bob, "reader");

        Response list = call("GET", listPath(bob), bobKey, null);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode instances = list.json().get("instances");
        assertThat(instances.size()).isEqualTo(2);
        JsonNode sharedEntry = null;
        for (JsonNode entry : instances) {
            if (entry.get("owner").stringValue().equals(alice)) {
                sharedEntry = entry;
            }
        }
        assertThat(sharedEntry).isNotNull();
        assertThat(sharedEntry.get("instance_handle").stringValue()).isEqualTo("embedding1");
        assertThat(sharedEntry.get("access_role").stringValue()).isEqualTo("reader");

        JsonNode owned = call("GET", listPath(alice), aliceKey, null).json().get("instances");
        assertThat(owned.size()).isEqualTo(1);
        assertThat(owned.get(0).get("number_of_shared_users").longValue()).isEqualTo(1);
    }
}
