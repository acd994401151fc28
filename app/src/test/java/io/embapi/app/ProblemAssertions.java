package io.embapi.app;

import static io.embapi.app.ApiTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The helpers every HTTP test shares: the texts of the common errors, JSON building and the assertions on the
 * RFC 7807 error format ({@code application/problem+json}) and on the consistency header. Static only; use it with
 * {@code import static io.embapi.app.ProblemAssertions.*}.
 */
public final class ProblemAssertions {

    public static final String AUTH_FAILED = "Authentication failed. Perhaps a missing or incorrect API key?";
    public static final String SYSTEM_READ_ONLY =
            "_system user cannot send requests - this is a read-only account";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String CONSISTENCY = "X-Embapi-Consistency";

    private ProblemAssertions() {
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A JSON object from name/value pairs, in the given order (values: strings, numbers, booleans, null, maps...). */
    public static String object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    /** The property names of a JSON object, in order. */
    public static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    /** {@code text} as a JSON string literal. */
    public static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    /** One validation error entry as JSON; {@code valueJson} is raw JSON. */
    public static String error(String message, String location, String valueJson) {
        return "{\"message\":" + quoted(message) + ",\"location\":" + quoted(location) + ",\"value\":" + valueJson
                + "}";
    }

    /** A JSON array of the given (raw JSON) entries. */
    public static String errors(String... entries) {
        return "[" + String.join(",", entries) + "]";
    }

    /** The lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- problem JSON --------------------------------------------------------------------------------------

    /**
     * The answer is exactly {@code {title, status, detail}} as problem JSON: no {@code errors}, no {@code $schema},
     * nothing internal.
     */
    public static void assertProblem(Response response, int status, String title, String detail) {
        assertProblemShape(response, status, title);
        JsonNode body = response.json();
        assertThat(body.get("detail").stringValue()).as("detail of %s", response).isEqualTo(detail);
        assertThat(names(body)).as("fields of %s", response).containsExactly("title", "status", "detail");
    }

    /** Status, title, content type and the absence of anything internal; the detail is only required to be set. */
    public static void assertProblemShape(Response response, int status, String title) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith(PROBLEM_JSON);
        JsonNode body = response.json();
        assertThat(body.get("title").stringValue()).as("title of %s", response).isEqualTo(title);
        assertThat(body.get("status").intValue()).as("status field of %s", response).isEqualTo(status);
        assertThat(body.get("detail").isString()).as("detail of %s", response).isTrue();
        assertThat(body.get("detail").stringValue()).as("detail of %s", response).isNotBlank();
        assertThat(body.has("$schema")).as("$schema in %s", response).isFalse();
        assertNothingInternal(response);
    }

    /** No stack trace, exception class, framework package or SQL text in a body. */
    public static void assertNothingInternal(Response response) {
        assertThat(response.body()).as("body of %s", response)
                .doesNotContain("Exception", "exception", "\tat ", "at io.embapi", "at org.", "java.", "jakarta.",
                        "org.springframework", "org.axonframework", "tools.jackson", "com.fasterxml",
                        "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "SQL", "trace");
    }

    /**
     * Problem JSON with this status and detail, whatever its title: exactly {@code {title, status, detail}}, no
     * {@code $schema}, nothing internal.
     */
    public static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith(PROBLEM_JSON);
        JsonNode body = response.json();
        assertThat(body.get("title").stringValue()).as("title of %s", response).isNotBlank();
        assertThat(body.get("status").intValue()).as("status field of %s", response).isEqualTo(status);
        assertThat(body.get("detail").stringValue()).as("detail of %s", response).isEqualTo(detail);
        assertThat(names(body)).as("fields of %s", response).containsExactly("title", "status", "detail");
        assertNothingInternal(response);
    }

    public static void assertUnauthorized(Response response) {
        assertProblem(response, 401, "Unauthorized", AUTH_FAILED);
    }

    public static void assertSystemReadOnly(Response response) {
        assertProblem(response, 403, "Forbidden", SYSTEM_READ_ONLY);
    }

    public static void assertNotFound(Response response, String detail) {
        assertProblem(response, 404, "Not Found", detail);
    }

    public static void assertBadRequest(Response response, String detail) {
        assertProblem(response, 400, "Bad Request", detail);
    }

    // ---- validation errors (422) ---------------------------------------------------------------------------

    /** A 422 {@code validation failed} problem with a non-empty {@code errors} array. */
    public static void assertValidationFailed(Response response) {
        assertProblemShape(response, 422, "Unprocessable Entity");
        JsonNode body = response.json();
        assertThat(body.get("detail").stringValue()).as("detail of %s", response).isEqualTo("validation failed");
        assertThat(body.get("errors").isArray()).as("errors of %s", response).isTrue();
        assertThat(body.get("errors").size()).as("errors of %s", response).isPositive();
    }

    /** A 422 {@code validation failed} listing (among others) an error with this message at this location. */
    public static void assertValidationError(Response response, String message, String location) {
        assertValidationFailed(response);
        assertThat(errorMessages(response)).as("errors of %s", response).contains(message + " @ " + location);
    }

    /**
     * A 422 {@code validation failed} that is exactly {@code {title, status, detail, errors}}, its {@code errors}
     * equal to {@code expectedErrors} (a JSON array), in order.
     */
    public static void assertValidationErrors(Response response, String expectedErrors) {
        assertValidationFailed(response);
        JsonNode body = response.json();
        assertThat(names(body)).as("fields of %s", response).containsExactly("title", "status", "detail", "errors");
        assertThat(body.get("errors")).as("errors of %s", response).isEqualTo(json(expectedErrors));
    }

    /** The "message @ location" pairs of a 422 answer, in order. */
    public static List<String> errorMessages(Response response) {
        List<String> found = new ArrayList<>();
        response.json().get("errors").values().forEach(e -> found.add(e.get("message").stringValue() + " @ "
                + e.get("location").stringValue()));
        return found;
    }

    // ---- consistency ---------------------------------------------------------------------------------------

    /** The write was answered after the read side had it. */
    public static void assertSynced(Response response) {
        assertThat(response.header(CONSISTENCY)).as("consistency of %s", response).isEqualTo("synced");
    }
}
