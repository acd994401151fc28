package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/users} (spec §4.2.3, §7.3 item 11, §7.4): shape, ordering, pagination and its bounds. */
class UserListTest extends HttpTestSupport {

    @Test
    void listIsABareArrayOfSummariesWithCounts() {
        String alice = unique("alice");
        createUser(alice);

        Response response = call("GET", "/v1/users?limit=200", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().isArray()).as("bare array: %s", response.body()).isTrue();
        assertThat(entry(alice)).isEqualTo(json(object("user_handle", alice, "name", alice + " Doe",
                "number_of_projects", 0, "number_of_definitions", 0, "number_of_instances", 0)));
    }

    @Test
    void summaryOmitsAnEmptyName() {
        String nameless = unique("nameless");
        assertThat(call("PUT", "/v1/users/" + nameless, ADMIN_KEY,
                userBody(nameless, null, nameless + "@example.org")).status()).isEqualTo(201);

        JsonNode entry = entry(nameless);

        assertThat(names(entry)).containsExactly("user_handle", "number_of_projects", "number_of_definitions",
                "number_of_instances");
    }

    @Test
    void listShowsNoKeysOrEmails() {
        String alice = unique("alice");
        String key = createUser(alice);

        String body = call("GET", "/v1/users?limit=200", ADMIN_KEY, null).body();

        assertThat(body).doesNotContain(key, sha256(key), alice + "@example.org", "embapi_key", "email");
    }

    @Test
    void systemUserIsListedWithItsFourSeededDefinitions() {
        JsonNode system = entry("_system");

        assertThat(system).isEqualTo(json(object("user_handle", "_system", "name", "System User",
                "number_of_projects", 0, "number_of_definitions", 4, "number_of_instances", 0)));
    }

    @Test
    void handlesAreOrderedIgnoringPunctuationSoSystemSortsAmongTheEss() {
        String alice = unique("alice");
        String sa = unique("sa");
        String sz = unique("sz");
        createUser(sz);
        createUser(alice);
        createUser(sa);

        List<String> handles = allUsers().stream().map(u -> u.get("user_handle").stringValue()).toList();

        assertThat(handles).containsSubsequence(alice, sa, "_system", sz);
    }

    @Test
    void limitOneReturnsExactlyOneUser() {
        Response response = call("GET", "/v1/users?limit=1&offset=0", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(1);
    }

    @Test
    void defaultPageSizeIsTen() {
        for (int i = 0; i < 11; i++) {
            createUser(unique("page"));
        }

        Response response = call("GET", "/v1/users", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(10);
    }

    @Test
    void offsetSkipsUsersInListOrder() {
        createUser(unique("page"));
        createUser(unique("page"));
        createUser(unique("page"));
        JsonNode firstFour = call("GET", "/v1/users?limit=4&offset=0", ADMIN_KEY, null).json();

        JsonNode window = call("GET", "/v1/users?limit=2&offset=1", ADMIN_KEY, null).json();

        assertThat(firstFour.size()).isEqualTo(4);
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.get(0)).isEqualTo(firstFour.get(1));
        assertThat(window.get(1)).isEqualTo(firstFour.get(2));
    }

    @Test
    void offsetBeyondTheEndGivesAnEmptyPage() {
        Response response = call("GET", "/v1/users?limit=10&offset=100000", ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json().size()).isZero();
    }

    @Test
    void limitBelowOneIsRejected() {
        Response response = call("GET", "/v1/users?limit=0", ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected number >= 1", "query.limit", "0")));
    }

    @Test
    void limitAbove200IsRejected() {
        Response response = call("GET", "/v1/users?limit=201", ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected number <= 200", "query.limit", "201")));
    }

    @Test
    void limit200IsAccepted() {
        assertThat(call("GET", "/v1/users?limit=200", ADMIN_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void negativeOffsetIsRejected() {
        Response response = call("GET", "/v1/users?offset=-1", ADMIN_KEY, null);

        assertValidationErrors(response, errors(error("expected number >= 0", "query.offset", "-1")));
    }

    private JsonNode entry(String handle) {
        return allUsers().stream()
                .filter(u -> u.get("user_handle").stringValue().equals(handle))
                .findFirst()
                .orElseThrow(() -> new AssertionError(handle + " is not listed"));
    }
}
