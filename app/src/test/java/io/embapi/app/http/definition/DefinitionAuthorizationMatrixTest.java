package io.embapi.app.http.definition;

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
 * Who may call which definition route (spec §2.5, §2.6, with the decisions that the admin may do everything the owner
 * can and may read private definitions): one row per route, one column per identity, the exact status expected.
 * Every case runs on a fresh definition of the same owner, shared with one user; the GET-one route is checked on a
 * private and on a public definition. A refused call must answer the exact 401 body and leave the definition's
 * history untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefinitionAuthorizationMatrixTest extends DefinitionTestSupport {

    /** Who calls. */
    enum Identity {
        NO_HEADER, WRONG_KEY, OTHER_USER, SHARED_USER, OWNER, ADMIN
    }

    /** What is called. */
    enum Route {
        PUT, POST, GET_LIST, GET_PRIVATE, GET_PUBLIC, DELETE, SHARE, UNSHARE, SHARED_WITH, PATCH
    }

    private static final Map<Route, int[]> EXPECTED = new EnumMap<>(Route.class);

    static {
        //                     no      wrong   other   shared  owner   admin
        //                     header  key     user    user
        row(Route.PUT,         401,    401,    401,    401,    201,    201);
        row(Route.POST,        401,    401,    401,    401,    201,    201);
        row(Route.GET_LIST,    401,    401,    401,    401,    200,    200);
        row(Route.GET_PRIVATE, 401,    401,    401,    200,    200,    200);
        row(Route.GET_PUBLIC,  200,    200,    200,    200,    200,    200);
        row(Route.DELETE,      401,    401,    401,    401,    204,    204);
        row(Route.SHARE,       401,    401,    401,    401,    201,    201);
        row(Route.UNSHARE,     401,    401,    401,    401,    204,    204);
        row(Route.SHARED_WITH, 401,    401,    401,    401,    200,    200);
        row(Route.PATCH,       401,    401,    401,    401,    201,    201);
    }

    private static void row(Route route, int... statuses) {
        if (statuses.length != Identity.values().length) {
            throw new IllegalArgumentException("row " + route + " needs one status per identity");
        }
        EXPECTED.put(route, statuses);
    }

    private static final String BOGUS_KEY = "0123456789abcdef".repeat(4);

    private User owner;
    private User shared;
    private User stranger;

    @BeforeAll
    void users() {
        owner = newUser("owner");
        shared = newUser("shared");
        stranger = newUser("stranger");
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
        String definition = unique("matrix");
        long id = createDefinition(owner.handle(), owner.key(), definition, "model", "m1",
                "is_public", route == Route.GET_PUBLIC);
        shareOk(owner.handle(), definition, owner.key(), shared.handle());
        int eventsBefore = definitionEvents(id).size();

        Response response = request(route, definition, token(identity));

        assertThat(response.status()).as("%s by %s: %s", route, identity, response).isEqualTo(expected);
        if (expected == 401) {
            assertUnauthorized(response);
            assertThat(definitionEvents(id)).as("events after a refused %s", route).hasSize(eventsBefore);
        }
    }

    private String token(Identity identity) {
        return switch (identity) {
            case NO_HEADER -> null;
            case WRONG_KEY -> BOGUS_KEY;
            case OTHER_USER -> stranger.key();
            case SHARED_USER -> shared.key();
            case OWNER -> owner.key();
            case ADMIN -> ADMIN_KEY;
        };
    }

    private Response request(Route route, String definition, String token) {
        String path = definitionPath(owner.handle(), definition);
        return switch (route) {
            case PUT -> call("PUT", path, token, definitionBody(definition, "model", "replaced"));
            case POST -> call("POST", listPath(owner.handle()), token, definitionBody(definition, "model", "posted"));
            case GET_LIST -> call("GET", listPath(owner.handle()), token, null);
            case GET_PRIVATE, GET_PUBLIC -> call("GET", path, token, null);
            case DELETE -> call("DELETE", path, token, null);
            case SHARE -> call("POST", path + "/share", token, shareBody(stranger.handle()));
            case UNSHARE -> call("DELETE", path + "/share/" + shared.handle(), token, null);
            case SHARED_WITH -> call("GET", path + "/shared-with", token, null);
            case PATCH -> send("PATCH", path, token, "{\"model\":\"patched\"}", MERGE_PATCH);
        };
    }
}
