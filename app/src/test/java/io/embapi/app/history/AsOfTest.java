package io.embapi.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code as_of} on GET project, GET embedding and the embeddings list: before creation 404, between changes the
 * old state, after the last change exactly the live answer; names across a transfer; access and bad timestamps.
 */
class AsOfTest extends HistoryTestSupport {

    private static String at(String path, Instant at) {
        return path + (path.contains("?") ? "&" : "?") + asOf(at);
    }

    @Test
    void aProjectAsOfShowsTheStateAfterTheEventsUpToThatTime() {
        User alice = newUser("aa");
        User bob = newUser("ab");
        String path = "/v1/projects/" + alice.handle() + "/proj";
        assertThat(call("PUT", path, alice.key(), "{\"project_handle\":\"proj\",\"description\":\"first\"}")
                .status()).isEqualTo(201);
        call("POST", path + "/share", alice.key(), "{\"share_with_handle\":\"" + bob.handle()
                + "\",\"role\":\"reader\"}");
        assertThat(send("PATCH", path, alice.key(), "{\"description\":\"second\",\"public_read\":true}",
                "application/merge-patch+json").status()).isBetween(200, 201);
        List<JsonNode> history = history(path + "/history", alice.key());
        Instant created = time(history.get(0));
        Instant shared = time(history.get(1));

        assertThat(call("GET", at(path, created.minusMillis(1)), alice.key(), null).status()).isEqualTo(404);
        JsonNode first = call("GET", at(path, created), alice.key(), null).json();
        assertThat(first.get("description").stringValue()).isEqualTo("first");
        assertThat(first.get("public_read").booleanValue()).isFalse();
        assertThat(first.get("shared_with").toString())
                .isEqualTo("[{\"user_handle\":\"" + alice.handle() + "\",\"role\":\"owner\"}]");
        JsonNode second = call("GET", at(path, shared), alice.key(), null).json();
        assertThat(second.get("description").stringValue()).isEqualTo("first");
        assertThat(second.get("shared_with")).hasSize(2);
        // After the last change: exactly the live answer, for the owner and for a member.
        Instant now = Instant.now();
        assertThat(call("GET", at(path, now), alice.key(), null).json())
                .isEqualTo(call("GET", path, alice.key(), null).json());
        assertThat(call("GET", at(path, now), bob.key(), null).json())
                .isEqualTo(call("GET", path, bob.key(), null).json());
    }

    @Test
    void aTransferredProjectIsFoundUnderTheNameItHadAtThatTime() {
        User alice = newUser("ta");
        User bob = newUser("tb");
        String old = "/v1/projects/" + alice.handle() + "/moved";
        String now = "/v1/projects/" + bob.handle() + "/moved";
        assertThat(call("PUT", old, alice.key(), "{\"project_handle\":\"moved\"}").status()).isEqualTo(201);
        call("POST", old + "/transfer-ownership", alice.key(), "{\"new_owner_handle\":\"" + bob.handle() + "\"}");
        List<JsonNode> history = history(now + "/history", bob.key());
        Instant before = time(history.get(0));
        Instant after = time(history.get(1));

        JsonNode past = call("GET", at(old, before), alice.key(), null).json();
        assertThat(past.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(call("GET", at(old, before), ADMIN_KEY, null).json().get("project_id"))
                .isEqualTo(call("GET", now, bob.key(), null).json().get("project_id"));
        assertThat(call("GET", at(now, before), bob.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(old, after), alice.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(now, after), bob.key(), null).json().get("owner").stringValue())
                .isEqualTo(bob.handle());
    }

    @Test
    void membersAndThePublicSeeOnlyThePastOfTheProjectTheNameHasNow() {
        User alice = newUser("ra");
        User reader = newUser("rr");
        String path = "/v1/projects/" + alice.handle() + "/reused";
        call("PUT", path, alice.key(), "{\"project_handle\":\"reused\",\"description\":\"old secret\"}");
        Instant firstProject = time(history(path + "/history", alice.key()).get(0));
        call("DELETE", path, alice.key(), null);
        call("PUT", path, alice.key(), "{\"project_handle\":\"reused\",\"public_read\":true,\"shared_with\":"
                + "[{\"user_handle\":\"" + reader.handle() + "\",\"role\":\"reader\"}]}");

        assertThat(call("GET", at(path, firstProject), alice.key(), null).json().get("description").stringValue())
                .isEqualTo("old secret");
        assertThat(call("GET", at(path, firstProject), reader.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(path, firstProject), null, null).status()).isEqualTo(404);
        assertThat(call("GET", at(path, Instant.now()), reader.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", at(path, Instant.now()), newUser("rx").key(), null).status()).isEqualTo(200);

        User stranger = newUser("rs");
        String privatePath = "/v1/projects/" + stranger.handle() + "/private";
        call("PUT", privatePath, stranger.key(), "{\"project_handle\":\"private\"}");
        assertThat(call("GET", at(privatePath, Instant.now()), alice.key(), null).status()).isEqualTo(401);
        assertThat(call("GET", at(privatePath, Instant.now()), null, null).status()).isEqualTo(401);
    }

    @Test
    void malformedAndFutureTimestampsAre400() {
        User alice = newUser("ma");
        String path = "/v1/projects/" + alice.handle() + "/proj1";
        call("PUT", path, alice.key(), "{\"project_handle\":\"proj1\"}");
        for (String bad : List.of("yesterday", "2026-11-29", "2026-11-29T10:00:00", "2026-13-01T00:00:00Z")) {
            Response response = call("GET", path + "?as_of=" + bad, alice.key(), null);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("detail").stringValue()).startsWith("as_of must be an RFC 3339");
        }
        Response future = call("GET", at(path, Instant.now().plusSeconds(3600)), alice.key(), null);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("detail").stringValue()).endsWith("is in the future");
        assertThat(call("GET", path + "?as_of=2020-01-01T01:00:00%2B01:00", alice.key(), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/embeddings/" + alice.handle() + "/proj1?as_of=x", alice.key(), null).status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/embeddings/" + alice.handle() + "/proj1/d?as_of=x", alice.key(), null).status())
                .isEqualTo(400);
    }

    @Test
    void anEmbeddingAndTheListAsOfFollowUploadsDeletionsAndDeleteAll() {
        User owner = newUser("ea");
        String path = projectWithInstance(owner.handle(), owner.key(), "emb", 5);
        String project = "/v1/projects/" + owner.handle() + "/emb";
        upload(path, owner.key(), item("doc", "v1 text", VECTOR, "{\"v\":1}"), item("keep", null, VECTOR, null));
        upload(path, owner.key(), item("doc", null, OTHER_VECTOR, "{\"v\":2}"));
        assertThat(call("DELETE", path + "/doc", owner.key(), null).status()).isEqualTo(204);
        upload(path, owner.key(), item("doc", "v3 text", VECTOR, "{\"v\":3}"), item("late", null, VECTOR, null));
        List<JsonNode> doc = history(path + "/doc/history", owner.key());
        assertThat(doc).hasSize(4);
        Instant first = time(doc.get(0));
        Instant second = time(doc.get(1));
        Instant deleted = time(doc.get(2));
        Instant third = time(doc.get(3));

        assertThat(call("GET", at(path + "/doc", first.minusMillis(1)), owner.key(), null).status()).isEqualTo(404);
        JsonNode v1 = call("GET", at(path + "/doc", first), owner.key(), null).json();
        assertThat(v1.get("metadata").get("v").intValue()).isEqualTo(1);
        assertThat(v1.get("text").stringValue()).isEqualTo("v1 text");
        assertThat(v1.get("vector").toString()).isEqualTo("[0.125,-0.5,0.25,1.5,-2.0]");
        JsonNode v2 = call("GET", at(path + "/doc", second), owner.key(), null).json();
        assertThat(v2.get("metadata").get("v").intValue()).isEqualTo(2);
        assertThat(v2.get("text").stringValue()).isEqualTo("v1 text");
        assertThat(v2.get("vector").toString()).isEqualTo("[0.5,0.5,0.5,0.5,0.5]");
        assertThat(call("GET", at(path + "/doc", deleted), owner.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(path + "/doc", third), owner.key(), null).json())
                .isEqualTo(call("GET", path + "/doc", owner.key(), null).json());

        assertThat(ids(call("GET", at(path, first), owner.key(), null))).containsExactly("doc", "keep");
        assertThat(ids(call("GET", at(path, deleted), owner.key(), null))).containsExactly("keep");
        assertThat(call("GET", at(path, Instant.now()), owner.key(), null).json())
                .isEqualTo(call("GET", path, owner.key(), null).json());
        assertThat(ids(call("GET", at(path + "?limit=1&offset=1", Instant.now()), owner.key(), null)))
                .containsExactly("keep");
        assertThat(call("GET", at(project, deleted), owner.key(), null).json().get("number_of_embeddings")
                .longValue()).isEqualTo(1);

        assertThat(call("DELETE", path, owner.key(), null).status()).isEqualTo(204);
        Instant cleared = Instant.now();
        assertThat(call("GET", at(path, cleared), owner.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(path + "/late", cleared), owner.key(), null).status()).isEqualTo(404);
        assertThat(call("GET", at(project, cleared), owner.key(), null).json().get("number_of_embeddings")
                .longValue()).isZero();
        assertThat(ids(call("GET", at(path, third), owner.key(), null))).containsExactly("doc", "keep", "late");
        assertThat(call("GET", at(path, third), newUser("ex").key(), null).status()).isEqualTo(401);
        assertThat(call("GET", at(path + "/doc", third), null, null).status()).isEqualTo(401);
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("embeddings").valueStream().map(e -> e.get("text_id").stringValue()).toList();
    }
}
