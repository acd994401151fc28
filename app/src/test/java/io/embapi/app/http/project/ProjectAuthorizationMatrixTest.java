package io.embapi.app.http.project;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call which project route (spec §2.5, §2.6, with the decision that the admin may do everything the owner
 * can): one row per route, one column per identity, the exact status expected. Every case runs on a fresh project
 * of the same owner, shared with a reader and an editor; the "@public" columns use a project with
 * {@code public_read}. A refused call must answer the exact 401 body and leave the project's history untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectAuthorizationMatrixTest extends ProjectTestSupport {

    /** Who calls. */
    enum Identity {
        NO_HEADER(false),
        WRONG_KEY(false),
        OTHER_USER(false),
        READER(false),
        EDITOR(false),
        OWNER(false),
        ADMIN(false),
        ANONYMOUS_ON_PUBLIC(true),
        WRONG_KEY_ON_PUBLIC(true),
        OTHER_USER_ON_PUBLIC(true);

        final boolean publicProject;

        Identity(boolean publicProject) {
            this.publicProject = publicProject;
        }
    }

    /** What is called. */
    enum Route {
        PUT_PROJECT, POST_PROJECT, GET_LIST, GET_PROJECT, DELETE_PROJECT, SHARE, UNSHARE, SHARED_WITH, TRANSFER, PATCH
    }

    private static final Map<Route, int[]> EXPECTED = new EnumMap<>(Route.class);

    static {
        //                        no      wrong   other   reader  editor  owner   admin   anon    wrong   other
        //                        header  key     user                                    @public key     user
        //                                                                                        @public @public
        row(Route.PUT_PROJECT,    401,    401,    401,    401,    401,    201,    201,    401,    401,    401);
        row(Route.POST_PROJECT,   401,    401,    401,    401,    401,    201,    201,    401,    401,    401);
        row(Route.GET_LIST,       401,    401,    401,    401,    401,    200,    200,    401,    401,    401);
        row(Route.GET_PROJECT,    401,    401,    401,    200,    200,    200,    200,    200,    200,    200);
        row(Route.DELETE_PROJECT, 401,    401,    401,    401,    401,    204,    204,    401,    401,    401);
        row(Route.SHARE,          401,    401,    401,    401,    401,    201,    201,    401,    401,    401);
        row(Route.UNSHARE,        401,    401,    401,    401,    401,    204,    204,    401,    401,    401);
        row(Route.SHARED_WITH,    401,    401,    401,    401,    401,    200,    200,    401,    401,    401);
        row(Route.TRANSFER,       401,    401,    401,    401,    401,    200,    200,    401,    401,    401);
        row(Route.PATCH,          401,    401,    401,    401,    401,    201,    201,    401,    401,    401);
    }

    private static void row(Route route, int... statuses) {
        if (statuses.length != Identity.values().length) {
            throw new IllegalArgumentException("row " + route + " needs one status per identity");
        }
        EXPECTED.put(route, statuses);
    }

    private static final String BOGUS_KEY = "0123456789abcdef".repeat(4);

    private User owner;
    private User reader;
    private User editor;
    private User stranger;
    private User heir;

    @BeforeAll
    void users() {
        owner = newUser("owner");
        reader = newUser("reader");
        editor = newUser("editor");
        stranger = newUser("stranger");
        heir = newUser("heir");
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        EXPECTED.forEach((route, statuses) -> {
            for (Identity identity : Identity.values()) {
                cases.add(Arguments.of(route, identity, statuses[identity.ordinal()]));
            }
        });
        return cases.stream();
    }

    @Test
    void theTableHasARowForEveryRoute() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Route.values());
    }

    @ParameterizedTest(name = "{0} by {1} answers {2}")
    @MethodSource("cases")
    void eachRouteAnswersEachIdentityWithTheExpectedStatus(Route route, Identity identity, int expected) {
        String project = unique("matrix");
        long id = createProject(owner.handle(), owner.key(), project, "public_read", identity.publicProject,
                "shared_with", List.of(member(reader.handle(), "reader"), member(editor.handle(), "editor")));
        int eventsBefore = projectEvents(id).size();

        Response response = request(route, project, token(identity));

        assertThat(response.status()).as("%s by %s: %s", route, identity, response).isEqualTo(expected);
        if (expected == 401) {
            assertUnauthorized(response);
            assertThat(projectEvents(id)).as("events after a refused %s", route).hasSize(eventsBefore);
        }
    }

    private String token(Identity identity) {
        return switch (identity) {
            case NO_HEADER, ANONYMOUS_ON_PUBLIC -> null;
            case WRONG_KEY, WRONG_KEY_ON_PUBLIC -> BOGUS_KEY;
            case OTHER_USER, OTHER_USER_ON_PUBLIC -> stranger.key();
            case READER -> reader.key();
            case EDITOR -> editor.key();
            case OWNER -> owner.key();
            case ADMIN -> ADMIN_KEY;
        };
    }

    private Response request(Route route, String project, String token) {
        String path = projectPath(owner.handle(), project);
        return switch (route) {
            case PUT_PROJECT -> call("PUT", path, token, projectBody(project, "description", "replaced"));
            case POST_PROJECT -> call("POST", listPath(owner.handle()), token,
                    projectBody(project, "description", "posted"));
            case GET_LIST -> call("GET", listPath(owner.handle()), token, null);
            case GET_PROJECT -> call("GET", path, token, null);
            case DELETE_PROJECT -> call("DELETE", path, token, null);
            case SHARE -> call("POST", path + "/share", token,
                    object("share_with_handle", stranger.handle(), "role", "reader"));
            case UNSHARE -> call("DELETE", path + "/share/" + reader.handle(), token, null);
            case SHARED_WITH -> call("GET", path + "/shared-with", token, null);
            case TRANSFER -> call("POST", path + "/transfer-ownership", token,
                    object("new_owner_handle", heir.handle()));
            case PATCH -> send("PATCH", path, token, "{\"description\":\"patched\"}", MERGE_PATCH);
        };
    }
}
