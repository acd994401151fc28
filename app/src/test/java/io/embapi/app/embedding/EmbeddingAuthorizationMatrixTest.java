package io.embapi.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every embeddings route × every kind of caller, on a private and on a public project. */
class EmbeddingAuthorizationMatrixTest extends ApiTestSupport {

    private static final String ITEM = "{\"embeddings\":[{\"text_id\":\"%s\",\"instance_handle\":\"embedding1\","
            + "\"vector\":[1,2,3],\"vector_dim\":3}]}";

    @Test
    void onlyMembersReadOnlyEditorsWriteAndPublicProjectsAreReadableByAll() {
        String owner = unique("mx");
        String ownerKey = createUser(owner);
        String reader = unique("mxr");
        String readerKey = createUser(reader);
        String editor = unique("mxe");
        String editorKey = createUser(editor);
        String otherKey = createUser(unique("mxo"));
        call("PUT", "/v1/llm-instances/" + owner + "/embedding1", ownerKey,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":3}");
        for (String project : new String[] {"private1", "public1"}) {
            call("PUT", "/v1/projects/" + owner + "/" + project, ownerKey, "{\"project_handle\":\"" + project
                    + "\",\"instance_handle\":\"embedding1\",\"public_read\":" + project.startsWith("public")
                    + ",\"shared_with\":[{\"user_handle\":\"" + reader + "\",\"role\":\"reader\"},{\"user_handle\":\""
                    + editor + "\",\"role\":\"editor\"}]}");
        }
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("none", null);
        callers.put("wrong", "wrong-key");
        callers.put("other", otherKey);
        callers.put("reader", readerKey);
        callers.put("editor", editorKey);
        callers.put("owner", ownerKey);
        callers.put("admin", ADMIN_KEY);

        int n = 0;
        for (String project : new String[] {"private1", "public1"}) {
            boolean isPublic = project.startsWith("public");
            String path = "/v1/embeddings/" + owner + "/" + project;
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                String who = caller.getKey();
                String key = caller.getValue();
                boolean writes = who.equals("editor") || who.equals("owner") || who.equals("admin");
                boolean reads = isPublic || writes || who.equals("reader");
                String id = "id-" + n++;
                call("POST", path, ownerKey, String.format(ITEM, id));

                assertThat(call("POST", path, key, String.format(ITEM, "new-" + id)).status())
                        .as("POST %s as %s", project, who).isEqualTo(writes ? 201 : 401);
                assertThat(call("GET", path, key, null).status()).as("GET list %s as %s", project, who)
                        .isEqualTo(reads ? 200 : 401);
                assertThat(call("GET", path + "/" + id, key, null).status()).as("GET one %s as %s", project, who)
                        .isEqualTo(reads ? 200 : 401);
                assertThat(call("DELETE", path + "/" + id, key, null).status()).as("DELETE one %s as %s", project,
                        who).isEqualTo(writes ? 204 : 401);
            }
        }
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/missing1", ownerKey, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/missing1", ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/missing1", editorKey, null).status()).isEqualTo(401);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/private1", editorKey, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/public1", readerKey, null).status()).isEqualTo(401);
        assertThat(call("DELETE", "/v1/embeddings/" + owner + "/public1", null, null).status()).isEqualTo(401);
    }
}
