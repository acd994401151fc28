package io.embapi.app.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP for the fault tests: every call has a deadline (a hang is a finding, not a stuck build), answers keep their
 * headers and the time they took, and a transport failure (refused, reset, timed out) is an answer with status 0
 * and the exception, so load threads record it instead of dying.
 */
final class FaultClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    FaultClient(int port) {
        this.port = port;
    }

    /** An answer; status 0 when the call failed below HTTP ({@code failure} then says why). */
    record Answer(int status, String body, HttpHeaders headers, long millis, Exception failure) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status == 0 ? "no answer after " + millis + " ms (" + failure + ")"
                    : status + " after " + millis + " ms: " + (body.length() > 400 ? body.substring(0, 400) : body);
        }
    }

    Answer call(String method, String path, String token, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers(), since(start), null);
        } catch (IOException e) {
            return new Answer(0, "", null, since(start), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null, since(start), e);
        }
    }

    Answer call(String method, String path, String token, String body) {
        return call(method, path, token, body, Duration.ofSeconds(30));
    }

    /** Creates a user (admin) and answers its key. */
    String createUser(String admin, String handle) {
        Answer created = call("PUT", "/v1/users/" + handle, admin, "{\"user_handle\":\"" + handle
                + "\",\"name\":\"" + handle + " Doe\",\"email\":\"" + handle + "@example.org\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("creating " + handle + ": " + created);
        }
        return created.json().get("embapi_key").stringValue();
    }

    /** An instance {@code embedding1} of {@code dimensions} and a project on it; answers the embeddings path. */
    String project(String owner, String key, String project, int dimensions) {
        Answer instance = call("PUT", "/v1/llm-instances/" + owner + "/embedding1", key, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":" + dimensions + "}");
        Answer created = call("PUT", "/v1/projects/" + owner + "/" + project, key, "{\"project_handle\":\""
                + project + "\",\"instance_handle\":\"embedding1\"}");
        if (instance.status() != 201 || created.status() != 201) {
            throw new IllegalStateException("creating " + owner + "/" + project + ": " + instance + " " + created);
        }
        return "/v1/embeddings/" + owner + "/" + project;
    }

    /**
     * True when every streaming processor runs without error, has no dead letters and has reached the head of the
     * event store ({@code GET /v1/admin/processors}).
     */
    boolean processorsCaughtUp(String admin) {
        Answer answer = call("GET", "/v1/admin/processors", admin, null, Duration.ofSeconds(5));
        if (answer.status() != 200) {
            return false;
        }
        for (JsonNode processor : answer.json().get("processors")) {
            if (!processor.get("running").booleanValue() || processor.get("error").booleanValue()
                    || processor.get("replaying").booleanValue()) {
                return false;
            }
            JsonNode lag = processor.get("lag");
            JsonNode deadLetters = processor.get("dead_letters");
            if ((lag != null && !lag.isNull() && lag.longValue() != 0)
                    || (deadLetters != null && !deadLetters.isNull() && deadLetters.longValue() != 0)) {
                return false;
            }
        }
        return true;
    }

    /** The audit chain as {@code GET /v1/admin/audit/verify} reports it. */
    JsonNode verifyChain(String admin) {
        Answer answer = call("GET", "/v1/admin/audit/verify", admin, null, Duration.ofSeconds(30));
        if (answer.status() != 200) {
            throw new IllegalStateException("audit verify: " + answer);
        }
        return answer.json();
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
