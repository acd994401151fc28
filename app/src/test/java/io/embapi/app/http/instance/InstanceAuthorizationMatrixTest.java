package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call which instance route: nobody, a wrong key, another user, a reader, an editor, the owner, the admin.
 * Everything but the owner and the admin is 401, except GET of one instance, which readers and editors may do.
 */
class InstanceAuthorizationMatrixTest extends InstanceTestSupport {

    private enum Caller { NONE, WRONG_KEY, OTHER, READER, EDITOR, OWNER, ADMIN }

    private enum Route { PUT, POST, LIST, GET, DELETE, SHARE, UNSHARE, SHARED_WITH, PATCH, FROM_DEFINITION }

    /** A fresh owner with an instance shared with a reader and an editor, plus an unrelated user. */
    private record Setup(String owner, String ownerKey, String reader, String readerKey, String editor,
                         String editorKey, String other, String otherKey, String target) {
    }

    private Setup setup() {
        String owner = unique("mx-own");
        String reader = unique("mx-read");
        String editor = unique("mx-edit");
        String other = unique("mx-other");
        String target = unique("mx-target");
        String ownerKey = createUser(owner);
        String readerKey = createUser(reader);
        String editorKey = createUser(editor);
        String otherKey = createUser(other);
        createUser(target);
        createInstance(owner, ownerKey, "inst1", "api_key", "sk-matrix");
        share(owner, ownerKey, "inst1", reader, "reader");
        share(owner, ownerKey, "inst1", editor, "editor");
        return new Setup(owner, ownerKey, reader, readerKey, editor, editorKey, other, otherKey, target);
    }

    private static String token(Setup s, Caller caller) {
        return switch (caller) {
            case NONE -> null;
            case WRONG_KEY -> "wrong-key-0123456789abcdef0123456789abcdef";
            case OTHER -> s.otherKey();
            case READER -> s.readerKey();
            case EDITOR -> s.editorKey();
            case OWNER -> s.ownerKey();
            case ADMIN -> ADMIN_KEY;
        };
    }

    private Response invoke(Setup s, Route route, Caller caller) {
        String token = token(s, caller);
        String path = instancePath(s.owner(), "inst1");
        return switch (route) {
            case PUT -> call("PUT", path, token, instanceBody("inst1", "model", "changed"));
            case POST -> call("POST", listPath(s.owner()), token, instanceBody("inst2"));
            case LIST -> call("GET", listPath(s.owner()), token, null);
            case GET -> call("GET", path, token, null);
            case DELETE -> call("DELETE", path, token, null);
            case SHARE -> call("POST", path + "/share", token, shareBody(s.target(), "reader"));
            case UNSHARE -> call("DELETE", path + "/share/" + s.reader(), token, null);
            case SHARED_WITH -> call("GET", path + "/shared-with", token, null);
            case PATCH -> send("PATCH", path, token, "{\"model\":\"patched\"}", "application/merge-patch+json");
            case FROM_DEFINITION -> call("POST", listPath(s.owner()) + "/from-definition", token,
                    object("instance_handle", "inst3", "definition_owner", "_system",
                            "definition_handle", "openai-large"));
        };
    }

    private static final Map<Route, Integer> SUCCESS = Map.of(Route.PUT, 201, Route.POST, 201, Route.LIST, 200,
            Route.GET, 200, Route.DELETE, 204, Route.SHARE, 201, Route.UNSHARE, 204, Route.SHARED_WITH, 200,
            Route.PATCH, 201, Route.FROM_DEFINITION, 200);

    @Test
    void onlyOwnerAndAdminMayCallInstanceRoutesAndSharedUsersMayRead() {
        List<String> failures = new ArrayList<>();
        Setup shared = setup();
        for (Route route : Route.values()) {
            for (Caller caller : Caller.values()) {
                boolean allowed = caller == Caller.OWNER || caller == Caller.ADMIN
                        || (route == Route.GET && (caller == Caller.READER || caller == Caller.EDITOR));
                // successful writes change things, so every allowed call gets its own set-up
                Setup s = allowed ? setup() : shared;
                Response response = invoke(s, route, caller);
                int expected = allowed ? SUCCESS.get(route) : 401;
                if (response.status() != expected) {
                    failures.add(route + " as " + caller + ": expected " + expected + " but was " + response);
                } else if (expected == 401 && !response.body().contains(AUTH_FAILED)) {
                    failures.add(route + " as " + caller + ": unexpected 401 body " + response.body());
                } else if (response.body() != null && response.body().contains("sk-matrix")) {
                    failures.add(route + " as " + caller + ": the provider key was answered");
                }
            }
        }
        assertThat(failures).isEmpty();
        // none of the refused calls changed anything
        Response get = call("GET", instancePath(shared.owner(), "inst1"), shared.ownerKey(), null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("model").stringValue()).isEqualTo("embed-test1");
        assertThat(call("GET", listPath(shared.owner()), shared.ownerKey(), null).json().get("instances").size())
                .isEqualTo(1);
        assertThat(call("GET", instancePath(shared.owner(), "inst1") + "/shared-with", shared.ownerKey(), null)
                .json().get("shared_with").size()).isEqualTo(2);
    }

    @Test
    void readerAndEditorSeeTheirRole() {
        Setup s = setup();
        assertThat(call("GET", instancePath(s.owner(), "inst1"), s.readerKey(), null).json().get("access_role")
                .stringValue()).isEqualTo("reader");
        assertThat(call("GET", instancePath(s.owner(), "inst1"), s.editorKey(), null).json().get("access_role")
                .stringValue()).isEqualTo("editor");
        assertThat(call("GET", instancePath(s.owner(), "inst1"), ADMIN_KEY, null).status()).isEqualTo(200);
    }
}
