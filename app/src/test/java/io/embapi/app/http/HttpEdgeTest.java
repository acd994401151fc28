package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-cutting HTTP behaviour (spec §1.1, §1.2, §1.3): unknown routes, wrong methods, malformed and non-JSON
 * bodies, the body size limit (64 MB by default; declared and streamed), CORS, request ids and {@code %2F} inside
 * a path segment.
 */
class HttpEdgeTest extends HttpTestSupport {

    static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS, PATCH, UPDATE, QUERY";
    static final String ALLOW_HEADERS =
            "Accept, Authorization, Content-Type, Content-Disposition, Origin, X-Requested-With";

    // ---- 404 / 405 ---------------------------------------------------------------------------------------------

    @Test
    void unknownRouteIsNotFound() {
        Response response = call("GET", "/v1/uxers/alfons", ADMIN_KEY, null);

        assertProblemShape(response, 404, "Not Found");
        assertThat(response.json().has("errors")).isFalse();
    }

    @Test
    void unknownRouteIsNotFoundWithoutAKeyToo() {
        Response response = call("GET", "/v2/users", null, null);

        assertProblemShape(response, 404, "Not Found");
    }

    @Test
    void wrongMethodOnTheManifestIsMethodNotAllowedWithAnAllowHeader() {
        Response response = call("PATCH", "/v1", null, null);

        assertProblemShape(response, 405, "Method Not Allowed");
        assertThat(allowed(response)).contains("GET").doesNotContain("PATCH");
    }

    @Test
    void wrongMethodOnTheUserCollectionListsItsMethods() {
        Response response = call("DELETE", "/v1/users", ADMIN_KEY, null);

        assertProblemShape(response, 405, "Method Not Allowed");
        assertThat(allowed(response)).contains("GET", "POST").doesNotContain("DELETE");
    }

    @Test
    void wrongMethodOnRotateIsMethodNotAllowed() {
        Response response = call("GET", "/v1/users/alice/keys/rotate", ADMIN_KEY, null);

        assertProblemShape(response, 405, "Method Not Allowed");
        assertThat(allowed(response)).contains("POST");
    }

    // ---- bodies ------------------------------------------------------------------------------------------------

    @Test
    void malformedJsonIsABadRequest() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, "{\"user_handle\": \"" + alice + "\",");

        assertProblemShape(response, 400, "Bad Request");
        assertThat(response.json().has("errors")).isFalse();
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void trailingGarbageAfterTheJsonObjectIsABadRequest() {
        String alice = unique("alice");

        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice", alice + "@example.org") + " }x");

        assertProblemShape(response, 400, "Bad Request");
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        String alice = unique("alice");

        Response response = send("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice", alice + "@example.org"), "text/plain");

        assertProblemShape(response, 415, "Unsupported Media Type");
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void jsonWithACharsetParameterIsAccepted() {
        String alice = unique("alice");

        Response response = send("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice", alice + "@example.org"), "application/json; charset=utf-8");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void declaredBodyLargerThanTheLimitIsRefusedWith413BeforeReading() {
        long declared = 64L * 1024 * 1024 + 1;

        Response response = raw("PUT /v1/users/toolarge HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + ADMIN_KEY + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + declared + "\r\n"
                + "Connection: close");

        assertProblemShape(response, 413, "Request Entity Too Large");
        assertThat(response.json().get("detail").stringValue()).startsWith("request body is too large");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void chunkedBodyLargerThanTheLimitIsCutOffWith413() {
        String alice = unique("alice");
        long limit = 64L * 1024 * 1024;
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/users/" + alice))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PaddedJson(
                        "{\"user_handle\":\"" + alice + "\",\"email\":\"" + alice + "@example.org\",\"name\":\"",
                        limit + 1024)))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .build();

        Response response = exchange(request);

        assertProblemShape(response, 413, "Request Entity Too Large");
        assertThat(response.json().get("detail").stringValue()).startsWith("request body is too large");
        assertThat(call("GET", "/v1/users/" + alice, ADMIN_KEY, null).status()).isEqualTo(404);
    }

    // ---- CORS ------------------------------------------------------------------------------------------------

    @Test
    void optionsIsAnsweredWithAnEmpty200AndTheCorsHeaders() {
        Response response = request("OPTIONS", "/v1/users/alice", null,
                "Origin", "https://app.example.org", "Access-Control-Request-Method", "PUT");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertCorsHeaders(response);
    }

    @Test
    void optionsOnAnUnknownPathIsAlso200() {
        Response response = request("OPTIONS", "/no/such/route", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertCorsHeaders(response);
    }

    @Test
    void optionsNeedsNoKeyEvenOnAdminRoutes() {
        Response response = request("OPTIONS", "/v1/users", null, "Authorization", "Bearer wrong");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void successfulResponsesCarryTheCorsHeaders() {
        assertCorsHeaders(call("GET", "/v1", null, null));
        assertCorsHeaders(call("GET", "/v1/users/_system", ADMIN_KEY, null));
    }

    @Test
    void errorResponsesCarryTheCorsHeaders() {
        assertCorsHeaders(call("GET", "/v1/users", null, null));
        assertCorsHeaders(call("GET", "/v1/uxers/alfons", ADMIN_KEY, null));
        assertCorsHeaders(call("GET", "/v1/users/ab", ADMIN_KEY, null));
    }

    // ---- request ids -----------------------------------------------------------------------------------------

    @Test
    void everyResponseCarriesAGeneratedRequestId() {
        Response first = call("GET", "/v1", null, null);
        Response second = call("GET", "/v1", null, null);
        Response error = call("GET", "/v1/users", null, null);

        assertThat(first.header("X-Request-Id")).isNotBlank();
        assertThat(second.header("X-Request-Id")).isNotBlank().isNotEqualTo(first.header("X-Request-Id"));
        assertThat(error.header("X-Request-Id")).isNotBlank()
                .isNotIn(first.header("X-Request-Id"), second.header("X-Request-Id"));
    }

    @Test
    void aShortCallerSuppliedRequestIdIsEchoed() {
        Response response = request("GET", "/v1", null, "X-Request-Id", "trace-me-42");

        assertThat(response.header("X-Request-Id")).isEqualTo("trace-me-42");
    }

    @Test
    void aCallerSuppliedRequestIdIsEchoedOnErrorsToo() {
        Response response = request("GET", "/v1/users", null, "X-Request-Id", "trace-err-7");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-err-7");
    }

    @Test
    void anOverlongRequestIdIsReplaced() {
        String overlong = "x".repeat(200);

        Response response = request("GET", "/v1", null, "X-Request-Id", overlong);

        assertThat(response.header("X-Request-Id")).isNotBlank().isNotEqualTo(overlong);
    }

    @Test
    void aRequestIdWithUnsafeCharactersIsReplaced() {
        String unsafe = "abc<script>\"";

        Response response = request("GET", "/v1", null, "X-Request-Id", unsafe);

        assertThat(response.header("X-Request-Id")).isNotBlank().isNotEqualTo(unsafe).doesNotContain("<");
    }

    // ---- %2F in a path segment ---------------------------------------------------------------------------------

    @Test
    void encodedSlashStaysInsideItsPathSegment() {
        Response response = call("GET", "/v1/users/a%2Fb", ADMIN_KEY, null);

        assertValidationErrors(response, errors(
                error("expected string to match pattern ^[A-Za-z0-9_-]+$", "path.user_handle", "\"a/b\"")));
    }

    @Test
    void encodedSlashDoesNotCreateAnExtraSegmentInLongerRoutes() {
        Response response = call("POST", "/v1/users/abc%2Fdef/keys/rotate", ADMIN_KEY, null);

        assertValidationErrors(response, errors(
                error("expected string to match pattern ^[A-Za-z0-9_-]+$", "path.user_handle", "\"abc/def\"")));
    }

    @Test
    void encodedSlashWithoutAKeyIsStillJustUnauthorized() {
        Response response = call("GET", "/v1/users/a%2Fb", null, null);

        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    // ---- error body hygiene ------------------------------------------------------------------------------------

    @Test
    void errorBodiesNeverExposeInternals() {
        List<Response> errors = List.of(
                call("GET", "/v1/uxers/alfons", ADMIN_KEY, null),
                call("PATCH", "/v1", null, null),
                call("PUT", "/v1/users/abc", ADMIN_KEY, "{\"user_handle\":"),
                call("PUT", "/v1/users/abc", ADMIN_KEY, "[1,2"),
                send("PUT", "/v1/users/abc", ADMIN_KEY, "x", "text/plain"),
                call("POST", "/v1/users", ADMIN_KEY, "{\"user_handle\":\"abc\",\"email\":[]}"),
                call("GET", "/v1/users?limit=abc", ADMIN_KEY, null),
                call("GET", "/v1/users?limit=99999999999999999999", ADMIN_KEY, null),
                call("GET", "/v1/users", "'; DROP TABLE users; --", null));

        for (Response response : errors) {
            assertThat(response.status()).as("%s", response).isBetween(400, 499);
            assertThat(response.header("Content-Type")).as("%s", response).startsWith(PROBLEM_JSON);
            assertThat(response.json().has("$schema")).isFalse();
            assertNothingInternal(response);
        }
    }

    /** {@code prefix} followed by {@code 'n'} up to {@code length} bytes, generated while read (no large buffer). */
    private static final class PaddedJson extends InputStream {

        private final byte[] prefix;
        private final long length;
        private long position;

        PaddedJson(String prefix, long length) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        @Override
        public int read() {
            if (position >= length) {
                return -1;
            }
            int b = position < prefix.length ? prefix[(int) position] : 'n';
            position++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = position + i < prefix.length ? prefix[(int) (position + i)] : (byte) 'n';
            }
            position += n;
            return n;
        }
    }

    private static List<String> allowed(Response response) {
        String allow = response.header("Allow");
        assertThat(allow).as("Allow header of %s", response).isNotBlank();
        return Arrays.stream(allow.split(",")).map(String::trim).toList();
    }

    private static void assertCorsHeaders(Response response) {
        assertThat(response.header("Access-Control-Allow-Origin")).as("%s", response).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Methods")).as("%s", response).isEqualTo(ALLOW_METHODS);
        assertThat(response.header("Access-Control-Allow-Headers")).as("%s", response).isEqualTo(ALLOW_HEADERS);
    }
}
