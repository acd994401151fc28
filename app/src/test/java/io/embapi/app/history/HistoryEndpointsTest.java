package io.embapi.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.platform.security.ApiKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET …/history of a user, a project and one embedding, through the real server. */
class HistoryEndpointsTest extends HistoryTestSupport {

    @Test
    void aUsersHistoryShowsWhatChangedWhoDidItAndNoKeyOrPersonalData() {
        User alice = newUser("hu");
        Response changed = call("PUT", "/v1/users/" + alice.handle(), ADMIN_KEY, "{\"user_handle\":\""
                + alice.handle() + "\",\"name\":\"Alice Renamed\",\"email\":\"" + alice.handle() + "@example.org\"}");
        assertThat(changed.status()).isBetween(200, 201);
        Response rotated = exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/users/"
                        + alice.handle() + "/keys/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + alice.key())
                .header("X-Request-Id", "rotate-req-1").build());
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("embapi_key").stringValue();

        Response response = call("GET", "/v1/users/" + alice.handle() + "/history", newKey, null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode entries = response.json().get("entries");
        assertThat(types(List.copyOf(entries.valueStream().toList()))).containsExactly("UserRegisteredEvent",
                "UserProfileChangedEvent", "UserKeyRotatedEvent");
        JsonNode registered = entries.get(0);
        assertThat(registered.get("actor").stringValue()).isEqualTo("admin");
        assertThat(registered.get("actor_type").stringValue()).isEqualTo("admin");
        assertThat(registered.get("changes").get("exists").toString()).isEqualTo("{\"from\":false,\"to\":true}");
        assertThat(registered.get("changes").get("name").stringValue()).isEqualTo("changed");
        assertThat(registered.get("changes").get("email").stringValue()).isEqualTo("changed");
        assertThat(registered.get("changes").get("embapi_key").stringValue()).isEqualTo("changed");
        JsonNode profile = entries.get(1);
        assertThat(profile.get("changes").propertyNames()).containsExactly("name");
        JsonNode rotation = entries.get(2);
        assertThat(rotation.get("actor").stringValue()).isEqualTo(alice.handle());
        assertThat(rotation.get("actor_type").stringValue()).isEqualTo("user");
        assertThat(rotation.get("request_id").stringValue()).isEqualTo("rotate-req-1");
        assertThat(rotation.get("changes").toString()).isEqualTo("{\"embapi_key\":\"changed\"}");
        assertThat(entries.get(0).get("position").longValue()).isLessThan(entries.get(1).get("position").longValue());
        assertThat(response.body()).doesNotContain(alice.key(), newKey, ApiKeys.hash(alice.key()),
                ApiKeys.hash(newKey), "Alice Renamed", "@example.org", alice.handle() + " Doe");

        assertThat(call("GET", "/v1/users/" + alice.handle() + "/history", alice.key(), null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/v1/users/" + alice.handle() + "/history", newUser("hx").key(), null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/v1/users/" + alice.handle() + "/history", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/users/nobody-here/history", ADMIN_KEY, null).status()).isEqualTo(404);

        assertThat(call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null).status()).isEqualTo(204);
        List<JsonNode> all = history("/v1/users/" + alice.handle() + "/history", ADMIN_KEY);
        assertThat(types(all)).containsExactly("UserRegisteredEvent", "UserProfileChangedEvent",
                "UserKeyRotatedEvent", "UserDeletedEvent");
        assertThat(all.get(3).get("changes").get("exists").get("to").booleanValue()).isFalse();
    }

    @Test
    void historyPagesWithLimitAndAfter() {
        User user = newUser("hp");
        for (int i = 0; i < 2; i++) {
            call("POST", "/v1/users/" + user.handle() + "/keys/rotate", ADMIN_KEY, null);
        }
        String path = "/v1/users/" + user.handle() + "/history";
        Response first = call("GET", path + "?limit=2", ADMIN_KEY, null);
        assertThat(first.json().get("entries")).hasSize(2);
        long next = first.json().get("next_after").longValue();
        assertThat(next).isEqualTo(first.json().get("entries").get(1).get("position").longValue());
        Response second = call("GET", path + "?limit=2&after=" + next, ADMIN_KEY, null);
        assertThat(second.json().get("entries")).hasSize(1);
        assertThat(second.json().has("next_after")).isFalse();
        assertThat(call("GET", path + "?limit=0", ADMIN_KEY, null).status()).isEqualTo(422);
        assertThat(call("GET", path + "?after=-1", ADMIN_KEY, null).status()).isEqualTo(422);
    }

    @Test
    void aProjectsHistoryFollowsItThroughSharesSettingsAndATransfer() {
        User alice = newUser("hpa");
        User bob = newUser("hpb");
        User carol = newUser("hpc");
        String project = "hist";
        assertThat(call("PUT", "/v1/projects/" + alice.handle() + "/" + project, alice.key(),
                "{\"project_handle\":\"hist\",\"description\":\"first\"}").status()).isEqualTo(201);
        call("POST", "/v1/projects/" + alice.handle() + "/" + project + "/share", alice.key(),
                "{\"share_with_handle\":\"" + bob.handle() + "\",\"role\":\"reader\"}");
        assertThat(send("PATCH", "/v1/projects/" + alice.handle() + "/" + project, alice.key(),
                "{\"description\":\"second\",\"public_read\":true}", "application/merge-patch+json").status())
                .isBetween(200, 201);
        String aliceView = "/v1/projects/" + alice.handle() + "/" + project + "/history";
        assertThat(types(history(aliceView, bob.key()))).containsExactly("ProjectCreatedEvent",
                "ProjectSharedEvent", "ProjectSettingsChangedEvent");

        call("POST", "/v1/projects/" + alice.handle() + "/" + project + "/transfer-ownership", alice.key(),
                "{\"new_owner_handle\":\"" + carol.handle() + "\"}");
        call("POST", "/v1/projects/" + carol.handle() + "/" + project + "/share", carol.key(),
                "{\"share_with_handle\":\"" + alice.handle() + "\",\"role\":\"editor\"}");

        List<JsonNode> entries = history("/v1/projects/" + carol.handle() + "/" + project + "/history", carol.key());
        assertThat(types(entries)).containsExactly("ProjectCreatedEvent", "ProjectSharedEvent",
                "ProjectSettingsChangedEvent", "ProjectOwnershipTransferredEvent", "ProjectSharedEvent");
        JsonNode created = entries.get(0).get("changes");
        assertThat(created.get("owner").get("to").stringValue()).isEqualTo(alice.handle());
        assertThat(created.get("description").get("to").stringValue()).isEqualTo("first");
        assertThat(created.get("public_read").get("to").booleanValue()).isFalse();
        assertThat(entries.get(0).get("actor").stringValue()).isEqualTo(alice.handle());
        assertThat(entries.get(1).get("changes").toString())
                .isEqualTo("{\"shared_with." + bob.handle() + "\":{\"from\":null,\"to\":\"reader\"}}");
        assertThat(entries.get(2).get("changes").toString()).isEqualTo("{\"description\":{\"from\":\"first\","
                + "\"to\":\"second\"},\"public_read\":{\"from\":false,\"to\":true}}");
        assertThat(entries.get(3).get("changes").get("owner").toString())
                .isEqualTo("{\"from\":\"" + alice.handle() + "\",\"to\":\"" + carol.handle() + "\"}");
        assertThat(entries.get(4).get("actor").stringValue()).isEqualTo(carol.handle());

        // The old name shows the project up to the moment it lost the name, to its former owner only.
        List<JsonNode> old = history(aliceView, alice.key());
        assertThat(types(old)).containsExactly("ProjectCreatedEvent", "ProjectSharedEvent",
                "ProjectSettingsChangedEvent", "ProjectOwnershipTransferredEvent");
        assertThat(call("GET", aliceView, bob.key(), null).status()).isEqualTo(401);
        assertThat(call("GET", aliceView, null, null).status()).isEqualTo(401);
        // Public now: anyone reads the current name's history; others' keys on a private project do not.
        assertThat(call("GET", "/v1/projects/" + carol.handle() + "/" + project + "/history", null, null).status())
                .isEqualTo(200);
        assertThat(send("PATCH", "/v1/projects/" + carol.handle() + "/" + project, carol.key(),
                "{\"public_read\":false}", "application/merge-patch+json").status()).isBetween(200, 201);
        assertThat(call("GET", "/v1/projects/" + carol.handle() + "/" + project + "/history", newUser("hpx").key(),
                null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/projects/" + carol.handle() + "/nothing/history", carol.key(), null).status())
                .isEqualTo(404);
    }

    @Test
    void anEmbeddingsHistoryShowsUploadsMetadataChangesAndEveryKindOfDeletion() {
        User owner = newUser("he");
        String path = projectWithInstance(owner.handle(), owner.key(), "emb", 5);
        upload(path, owner.key(), item("doc", "a text", VECTOR, "{\"author\":\"A\",\"year\":1781}"),
                item("other", null, VECTOR, null));
        upload(path, owner.key(), item("doc", null, VECTOR, "{\"year\":1787}"));
        upload(path, owner.key(), item("doc", null, OTHER_VECTOR, null));
        assertThat(call("DELETE", path + "/doc", owner.key(), null).status()).isEqualTo(204);
        assertThat(call("DELETE", path, owner.key(), null).status()).isEqualTo(204);    // doc absent: not its event
        upload(path, owner.key(), item("doc", "again", VECTOR, null));
        upload(path, owner.key(), item("other", null, VECTOR, null));                   // not doc's event
        assertThat(call("DELETE", path, owner.key(), null).status()).isEqualTo(204);

        Response response = call("GET", path + "/doc/history", owner.key(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = response.json().get("entries").valueStream().toList();
        assertThat(types(entries)).containsExactly("EmbeddingsUpsertedEvent", "EmbeddingsUpsertedEvent",
                "EmbeddingsUpsertedEvent", "EmbeddingDeletedEvent", "EmbeddingsUpsertedEvent",
                "AllEmbeddingsDeletedEvent");
        assertThat(entries.get(0).get("changes").toString()).isEqualTo("{\"exists\":{\"from\":false,\"to\":true},"
                + "\"text\":\"changed\",\"vector_dim\":{\"from\":null,\"to\":5},\"vector\":\"changed\","
                + "\"metadata\":{\"from\":null,\"to\":{\"author\":\"A\",\"year\":1781}}}");
        assertThat(entries.get(1).get("changes")).isEqualTo(JSON.readTree("{\"metadata\":{\"from\":{\"author\":"
                + "\"A\",\"year\":1781},\"to\":{\"author\":\"A\",\"year\":1787}}}"));
        assertThat(entries.get(2).get("changes").toString()).isEqualTo("{\"vector\":\"changed\"}");
        assertThat(entries.get(3).get("changes").toString()).isEqualTo("{\"exists\":{\"from\":true,\"to\":false}}");
        assertThat(entries.get(5).get("changes").toString()).isEqualTo("{\"exists\":{\"from\":true,\"to\":false}}");
        assertThat(entries.get(5).get("actor").stringValue()).isEqualTo(owner.handle());
        assertThat(response.body()).doesNotContain("0.125", "a text", "again");

        assertThat(call("GET", path + "/doc/history", newUser("hex").key(), null).status()).isEqualTo(401);
        assertThat(call("GET", path + "/never/history", owner.key(), null).status()).isEqualTo(404);
    }

    @Test
    void deletingTheProjectOrItsOwnerEndsTheEmbeddingsHistory() {
        User owner = newUser("hd");
        String path = projectWithInstance(owner.handle(), owner.key(), "gone", 5);
        upload(path, owner.key(), item("doc", null, VECTOR, null));
        assertThat(call("DELETE", "/v1/projects/" + owner.handle() + "/gone", owner.key(), null).status())
                .isEqualTo(204);
        assertThat(types(history(path + "/doc/history", owner.key()))).containsExactly("EmbeddingsUpsertedEvent",
                "ProjectDeletedEvent");

        assertThat(call("PUT", "/v1/projects/" + owner.handle() + "/second", owner.key(),
                "{\"project_handle\":\"second\",\"instance_handle\":\"embedding1\"}").status()).isEqualTo(201);
        String second = "/v1/embeddings/" + owner.handle() + "/second";
        upload(second, owner.key(), item("doc", null, VECTOR, null));
        assertThat(call("DELETE", "/v1/users/" + owner.handle(), ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(types(history(second + "/doc/history", ADMIN_KEY))).containsExactly("EmbeddingsUpsertedEvent",
                "UserDeletedEvent");
        List<JsonNode> project = history("/v1/projects/" + owner.handle() + "/second/history", ADMIN_KEY);
        assertThat(types(project)).containsExactly("ProjectCreatedEvent", "UserDeletedEvent");
        assertThat(project.get(1).get("changes").get("exists").get("to").booleanValue()).isFalse();
    }
}
