package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/llm-instances/{user}/from-definition} (§4.7.3, llm_services_sharing_test.go). */
class InstanceFromDefinitionTest extends InstanceTestSupport {

    private static String fromDefinition(String user) {
        return listPath(user) + "/from-definition";
    }

    private void createDefinition(String owner, String ownerKey, String definition, boolean isPublic) {
        Response response = call("PUT", "/v1/llm-definitions/" + owner + "/" + definition, ownerKey,
                object("definition_handle", definition, "endpoint", "https://api.openai.com/v1/embeddings",
                        "description", "OpenAI instance with large model", "api_standard", "openai",
                        "model", "text-embedding-3-large", "dimensions", 3072, "context_limit", 8192,
                        "is_public", isPublic));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void fromASystemDefinition() {
        String bob = unique("bob");
        String key = createUser(bob);
        Response created = call("POST", fromDefinition(bob), key, object("user_handle", bob,
                "instance_handle", "bob-instance1", "definition_owner", "_system",
                "definition_handle", "openai-large"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(names(created.json())).containsExactly("owner", "instance_handle", "instance_id");
        assertThat(created.json().get("owner").stringValue()).isEqualTo(bob);
        assertThat(created.json().get("instance_handle").stringValue()).isEqualTo("bob-instance1");

        JsonNode instance = call("GET", instancePath(bob, "bob-instance1"), key, null).json();
        assertThat(instance.get("instance_id").longValue()).isEqualTo(created.json().get("instance_id").longValue());
        assertThat(instance.get("dimensions").intValue()).isEqualTo(3072);
        assertThat(instance.get("model").stringValue()).isEqualTo("text-embedding-3-large");
        assertThat(instance.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(instance.get("definition_id").longValue()).isEqualTo(1);
        assertThat(instance.get("definition_owner").stringValue()).isEqualTo("_system");
        assertThat(instance.get("definition_handle").stringValue()).isEqualTo("openai-large");
        assertThat(instance.get("has_api_key").booleanValue()).isFalse();
        assertThat(instance.get("access_role").stringValue()).isEqualTo("owner");
    }

    @Test
    void bodyValuesOverrideTheDefinition() {
        String bob = unique("bob");
        String key = createUser(bob);
        Response created = call("POST", fromDefinition(bob), key, object("instance_handle", "custom",
                "definition_owner", "_system", "definition_handle", "openai-large",
                "endpoint", "https://proxy.example.org/v1", "description", "Bob's instance", "model", "my-model",
                "dimensions", 256, "api_key", "sk-from-definition"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.body()).doesNotContain("sk-from-definition");
        JsonNode instance = call("GET", instancePath(bob, "custom"), key, null).json();
        assertThat(instance.get("endpoint").stringValue()).isEqualTo("https://proxy.example.org/v1");
        assertThat(instance.get("description").stringValue()).isEqualTo("Bob's instance");
        assertThat(instance.get("model").stringValue()).isEqualTo("my-model");
        assertThat(instance.get("dimensions").intValue()).isEqualTo(256);
        assertThat(instance.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(instance.get("has_api_key").booleanValue()).isTrue();
        assertThat(instance.get("definition_handle").stringValue()).isEqualTo("openai-large");
        assertThat(instance.toString()).doesNotContain("sk-from-definition");
    }

    @Test
    void privateDefinitionsNeedAccess() {
        String alice = unique("alice");
        String bob = unique("bob");
        String aliceKey = createUser(alice);
        String bobKey = createUser(bob);
        createDefinition(alice, aliceKey, "openai-large", false);

        String body = object("user_handle", bob, "instance_handle", "bob-instance1", "definition_owner", alice,
                "definition_handle", "openai-large", "endpoint", "https://api.openai.com/v1/embeddings",
                "description", "Bob's instance based on Alice's definition");
        assertProblem(call("POST", fromDefinition(bob), bobKey, body), 403,
                "user does not have access to definition " + alice + "/openai-large");
        assertProblem(call("POST", fromDefinition(bob), bobKey, object("user_handle", bob,
                "instance_handle", "bob-instance1", "definition_owner", alice, "definition_handle", "nonexistant")),
                404, "definition " + alice + "/nonexistant not found");

        Response shared = call("POST", "/v1/llm-definitions/" + alice + "/openai-large/share", aliceKey,
                object("share_with_handle", bob));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        Response created = call("POST", fromDefinition(bob), bobKey, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode instance = call("GET", instancePath(bob, "bob-instance1"), bobKey, null).json();
        assertThat(instance.get("definition_owner").stringValue()).isEqualTo(alice);
        assertThat(instance.get("dimensions").intValue()).isEqualTo(3072);
        assertThat(instance.get("description").stringValue()).isEqualTo("Bob's instance based on Alice's definition");

        // the owner may use its own private definition
        assertThat(call("POST", fromDefinition(alice), aliceKey, object("instance_handle", "own",
                "definition_owner", alice, "definition_handle", "openai-large")).status()).isEqualTo(200);
    }

    @Test
    void theUserInTheBodyMustMatchThePath() {
        String bob = unique("bob");
        String key = createUser(bob);
        assertProblem(call("POST", fromDefinition(bob), key, object("user_handle", "someone",
                "instance_handle", "x-instance", "definition_owner", "_system", "definition_handle", "openai-large")),
                400, "user handle in URL (\"" + bob + "\") does not match user handle in body (\"someone\")");
    }
}
