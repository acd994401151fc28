package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PUT, POST and PATCH of instances, GET one and has_api_key, validation. */
class InstanceWriteTest extends InstanceTestSupport {

    @Test
    void putCreatesAndGetShowsTheStoredFields() {
        String alice = unique("alice");
        String key = createUser(alice);
        Response put = call("PUT", instancePath(alice, "embedding1"), key, instanceBody("embedding1",
                "api_standard", "openai", "context_limit", 8192));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(names(put.json())).containsExactly("owner", "instance_handle", "instance_id");
        assertThat(put.json().get("owner").stringValue()).isEqualTo(alice);
        assertThat(put.json().get("instance_handle").stringValue()).isEqualTo("embedding1");
        long id = put.json().get("instance_id").longValue();
        assertThat(id).isPositive();

        Response get = call("GET", instancePath(alice, "embedding1"), key, null);
        assertThat(get.status()).as(get.toString()).isEqualTo(200);
        JsonNode body = get.json();
        assertThat(body.get("owner").stringValue()).isEqualTo(alice);
        assertThat(body.get("instance_handle").stringValue()).isEqualTo("embedding1");
        assertThat(body.get("instance_id").longValue()).isEqualTo(id);
        assertThat(body.get("access_role").stringValue()).isEqualTo("owner");
        assertThat(body.get("endpoint").stringValue()).isEqualTo("https://api.foo.bar/v1/embed");
        assertThat(body.get("description").stringValue()).isEqualTo("An LLM Service just for testing");
        assertThat(body.get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(body.get("model").stringValue()).isEqualTo("embed-test1");
        assertThat(body.get("dimensions").intValue()).isEqualTo(5);
        assertThat(body.get("context_limit").intValue()).isEqualTo(8192);
        assertThat(body.has("has_api_key")).isTrue();
        assertThat(body.get("has_api_key").booleanValue()).isFalse();
        assertThat(body.has("api_key")).isFalse();
        assertThat(body.has("definition_id")).isFalse();
    }

    @Test
    void apiStandardDefaultsToOpenai() {
        String alice = unique("alice");
        String key = createUser(alice);
        Response put = call("PUT", instancePath(alice, "plain"), key, object("instance_handle", "plain"));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        Response get = call("GET", instancePath(alice, "plain"), key, null);
        assertThat(get.json().get("api_standard").stringValue()).isEqualTo("openai");
        assertThat(get.json().get("has_api_key").booleanValue()).isFalse();
    }

    @Test
    void postCreatesWithTheHandleFromTheBodyAndIsAnUpsert() {
        String alice = unique("alice");
        String key = createUser(alice);
        Response first = call("POST", listPath(alice), key, instanceBody("embedding1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Response second = call("POST", listPath(alice), key, instanceBody("embedding1", "model", "other"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("instance_id").longValue())
                .isEqualTo(first.json().get("instance_id").longValue());
        assertThat(call("GET", instancePath(alice, "embedding1"), key, null).json().get("model").stringValue())
                .isEqualTo("other");
    }

    @Test
    void hasApiKeyIsTrueExactlyWhenAKeyIsStored() {
        String alice = unique("alice");
        String key = createUser(alice);
        createInstance(alice, key, "withkey", "api_key", "sk-has-key-1");
        assertThat(call("GET", instancePath(alice, "withkey"), key, null).json().get("has_api_key").booleanValue())
                .isTrue();

        // re-PUT without api_key removes the key
        Response replaced = call("PUT", instancePath(alice, "withkey"), key, instanceBody("withkey"));
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(call("GET", instancePath(alice, "withkey"), key, null).json().get("has_api_key").booleanValue())
                .isFalse();
    }

    @Test
    void patchKeepsReplacesOrRemovesTheKey() {
        String alice = unique("alice");
        String key = createUser(alice);
        String path = instancePath(alice, "patched");
        createInstance(alice, key, "patched", "api_key", "sk-patch-original");

        Response model = send("PATCH", path, key, "{\"model\":\"x\"}", "application/merge-patch+json");
        assertThat(model.status()).as(model.toString()).isEqualTo(201);
        assertThat(model.body()).doesNotContain("sk-patch-original");
        JsonNode afterModel = call("GET", path, key, null).json();
        assertThat(afterModel.get("model").stringValue()).isEqualTo("x");
        assertThat(afterModel.get("endpoint").stringValue()).isEqualTo("https://api.foo.bar/v1/embed");
        assertThat(afterModel.get("dimensions").intValue()).isEqualTo(5);
        assertThat(afterModel.get("has_api_key").booleanValue()).isTrue();

        Response removed = send("PATCH", path, key, "{\"api_key\":null}", "application/merge-patch+json");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(201);
        assertThat(call("GET", path, key, null).json().get("has_api_key").booleanValue()).isFalse();

        Response added = send("PATCH", path, key, "{\"api_key\":\"new\"}", "application/merge-patch+json");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(names(added.json())).containsExactly("owner", "instance_handle", "instance_id");
        JsonNode afterAdd = call("GET", path, key, null).json();
        assertThat(afterAdd.get("has_api_key").booleanValue()).isTrue();
        assertThat(afterAdd.get("model").stringValue()).isEqualTo("x");
    }

    @Test
    void patchOfAnUnknownInstanceIsNotFound() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertProblem(send("PATCH", instancePath(alice, "nothere"), key, "{\"model\":\"x\"}",
                "application/merge-patch+json"), 404, "llm service nothere for user " + alice + " not found");
    }

    @Test
    void pathAndBodyHandleMustMatch() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertProblem(call("PUT", instancePath(alice, "nonexistent"), key, instanceBody("embedding1")), 400,
                "instance handle in URL (\"nonexistent\") does not match instance handle in body (\"embedding1\")");
    }

    @Test
    void anUnknownApiStandardIsABadRequest() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertProblem(call("PUT", instancePath(alice, "badstd"), key,
                instanceBody("badstd", "api_standard", "nosuchstd")), 400, "API standard nosuchstd not found");
        assertProblem(call("GET", instancePath(alice, "badstd"), key, null), 404,
                "llm service badstd for user " + alice + " not found");
    }

    @Test
    void theSystemUserIsReadOnly() {
        assertProblem(call("PUT", instancePath("_system", "sysinst"), ADMIN_KEY, instanceBody("sysinst")), 403,
                SYSTEM_READ_ONLY);
        assertProblem(call("POST", listPath("_system"), ADMIN_KEY, instanceBody("sysinst")), 403, SYSTEM_READ_ONLY);
        assertProblem(call("POST", listPath("_system") + "/from-definition", ADMIN_KEY, object("instance_handle",
                "sysinst", "definition_owner", "_system", "definition_handle", "openai-large")), 403,
                SYSTEM_READ_ONLY);
    }

    @Test
    void dimensionsMustBeBetween1And4000() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertValidationFailed(call("PUT", instancePath(alice, "dims"), key, instanceBody("dims", "dimensions", 0)));
        assertValidationFailed(call("PUT", instancePath(alice, "dims"), key,
                instanceBody("dims", "dimensions", 4001)));
        assertThat(call("PUT", instancePath(alice, "dims"), key, instanceBody("dims", "dimensions", 1)).status())
                .isEqualTo(201);
        assertThat(call("PUT", instancePath(alice, "dims"), key, instanceBody("dims", "dimensions", 4000)).status())
                .isEqualTo(201);
        assertThat(call("GET", instancePath(alice, "dims"), key, null).json().get("dimensions").intValue())
                .isEqualTo(4000);
    }

    @Test
    void unknownPropertiesAreRejected() {
        String alice = unique("alice");
        String key = createUser(alice);
        assertValidationFailed(call("PUT", instancePath(alice, "embedding1"), key,
                instanceBody("embedding1", "api_keX", "12345")));
    }
}
