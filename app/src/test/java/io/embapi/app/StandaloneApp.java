package io.embapi.app;

import io.embapi.app.logcheck.TestSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For tests that start the application themselves on a database of their own (key rotation, the restore drill): a
 * plain HTTP call to such an application, and environment lookups with a fallback (the database URL of such an
 * application comes from {@code TestDatabase.withDatabase}).
 */
public final class StandaloneApp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private StandaloneApp() {
    }

    /** An answer of the application. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** {@code method path} on the application at {@code port}, with a bearer token and an optional JSON body. */
    public static Answer call(int port, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        TestSecrets.recordRequest(token, body);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            TestSecrets.recordResponse(method, response.body());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An environment variable, or {@code fallback}. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
