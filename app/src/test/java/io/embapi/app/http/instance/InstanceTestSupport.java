package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.List;

/**
 * Helpers of the LLM service instance HTTP tests. Adds no Spring configuration, so every subclass shares the context
 * (and database) of {@link ApiTestSupport}.
 */
abstract class InstanceTestSupport extends ApiTestSupport {

    static String instancePath(String owner, String instance) {
        return "/v1/llm-instances/" + owner + "/" + instance;
    }

    static String listPath(String owner) {
        return "/v1/llm-instances/" + owner;
    }

    /** An instance body: the handle, a test endpoint, model and 5 dimensions, then the extra pairs. */
    static String instanceBody(String instance, Object... more) {
        Object[] all = new Object[more.length + 8];
        all[0] = "instance_handle";
        all[1] = instance;
        all[2] = "endpoint";
        all[3] = "https://api.foo.bar/v1/embed";
        all[4] = "description";
        all[5] = "An LLM Service just for testing";
        all[6] = "model";
        all[7] = "embed-test1";
        System.arraycopy(more, 0, all, 8, more.length);
        String body = object(all);
        return body.contains("\"dimensions\"") ? body : body.substring(0, body.length() - 1) + ",\"dimensions\":5}";
    }

    static String shareBody(String user, String role) {
        return object("share_with_handle", user, "role", role);
    }

    /** Creates {@code owner/instance} as the owner; answers its id. */
    long createInstance(String owner, String ownerKey, String instance, Object... more) {
        Response response = call("PUT", instancePath(owner, instance), ownerKey, instanceBody(instance, more));
        assertThat(response.status()).as("creating %s/%s: %s", owner, instance, response).isEqualTo(201);
        return response.json().get("instance_id").longValue();
    }

    void share(String owner, String ownerKey, String instance, String user, String role) {
        Response response = call("POST", instancePath(owner, instance) + "/share", ownerKey, shareBody(user, role));
        assertThat(response.status()).as("sharing: %s", response).isEqualTo(201);
    }

    /** The payloads (in text) of the events of a given type whose payload mentions {@code needle}. */
    List<String> eventPayloads(String typeSuffix, String needle) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE payloadtype LIKE ? AND position(? in convert_from(payload, 'UTF8')) > 0 "
                        + "ORDER BY globalindex",
                String.class, "%" + typeSuffix, needle);
    }
}
