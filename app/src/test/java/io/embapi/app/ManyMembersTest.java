package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference only looked at a project's first 50 members when authenticating; here every member counts. */
class ManyMembersTest extends ApiTestSupport {

    @Test
    void theSixtiethMemberCanReadAndTheLastEditorCanBeAuthenticatedToo() {
        String owner = unique("many");
        String ownerKey = createUser(owner);
        String project = unique("crowd");
        List<String> keys = new ArrayList<>();
        StringBuilder shares = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String member = unique("m" + i);
            keys.add(createUser(member));
            shares.append(i == 0 ? "" : ",").append("{\"user_handle\":\"").append(member)
                    .append("\",\"role\":\"").append(i == 59 ? "editor" : "reader").append("\"}");
        }
        Response created = call("PUT", "/v1/projects/" + owner + "/" + project, ownerKey,
                "{\"project_handle\":\"" + project + "\",\"shared_with\":[" + shares + "]}");
        assertThat(created.status()).isEqualTo(201);

        Response asLast = call("GET", "/v1/projects/" + owner + "/" + project, keys.get(59), null);
        assertThat(asLast.status()).isEqualTo(200);
        assertThat(asLast.json().get("role").stringValue()).isEqualTo("editor");
        Response asFirst = call("GET", "/v1/projects/" + owner + "/" + project, keys.get(0), null);
        assertThat(asFirst.json().get("role").stringValue()).isEqualTo("reader");
        assertThat(call("GET", "/v1/projects/" + owner + "/" + project + "/shared-with", ownerKey, null)
                .json().get("shared_with").size()).isEqualTo(60);
    }
}
