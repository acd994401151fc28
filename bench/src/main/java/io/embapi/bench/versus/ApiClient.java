package io.embapi.bench.versus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as a client sees it: one HTTP/1.1 client (its connections are reused across threads), JSON by
 * Jackson, every unexpected status an exception that names the call and the start of the problem body. A 429 says
 * so explicitly: the benchmark must run with rate limiting off (ServiceProcess sets EMBAPI_RATELIMIT_ENABLED=false).
 */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;

    ApiClient(String url) {
        this.url = url;
    }

    /** A user with an LLM instance of the given dimensions and one project on it; returns the user's key. */
    String createProject(String adminKey, String user, String project, int dimensions) throws IOException,
            InterruptedException {
        String key = call("PUT", "/v1/users/" + user, adminKey, "{\"user_handle\":\"" + user + "\",\"name\":\"Bench\","
                + "\"email\":\"" + user + "@bench.invalid\"}", 201).get("embapi_key").stringValue();
        call("PUT", "/v1/llm-instances/" + user + "/bench", key, "{\"instance_handle\":\"bench\",\"api_standard\":"
                + "\"openai\",\"dimensions\":" + dimensions + "}", 201);
        call("PUT", "/v1/projects/" + user + "/" + project, key, "{\"project_handle\":\"" + project
                + "\",\"instance_handle\":\"bench\"}", 201);
        return key;
    }

    /**
     * Uploads rows [from, to) as one batch; the service answers 201 once its projections have it, or, when they lag
     * beyond its consistency timeout, 201 with {@code X-Embapi-Consistency: pending}: then this returns true.
     */
    boolean upload(String key, String user, String project, Dataset data, int from, int to) throws IOException,
            InterruptedException {
        StringBuilder body = new StringBuilder((to - from) * data.dimensions() * 12).append("{\"embeddings\":[");
        for (int row = from; row < to; row++) {
            body.append(row == from ? "" : ",").append("{\"text_id\":\"").append(Dataset.textId(row))
                    .append("\",\"instance_handle\":\"bench\",\"vector_dim\":").append(data.dimensions())
                    .append(",\"metadata\":").append(Dataset.metadataJson(row)).append(",\"vector\":")
                    .append(Dataset.vectorText(data.vectors()[row])).append('}');
        }
        HttpResponse<String> response = send("POST", "/v1/embeddings/" + user + "/" + project, key,
                body.append("]}").toString());
        expect(response, "POST", "/v1/embeddings/" + user + "/" + project, 201);
        // Every write answer carries the header: "synced" or "pending" (platform's CommandDispatcher).
        return response.headers().firstValue("X-Embapi-Consistency").map("pending"::equals).orElse(false);
    }

    /** True when {@code GET /v1/embeddings/{u}/{p}/{text_id}} finds the embedding. */
    boolean exists(String key, String user, String project, String textId) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", "/v1/embeddings/" + user + "/" + project + "/"
                + URLEncoder.encode(textId, StandardCharsets.UTF_8), key, null);
        return response.statusCode() == 200;
    }

    /** The text ids of the top-10 by vector ({@code POST /v1/similars}, threshold 0), optionally filtered. */
    List<String> search(String key, String user, String project, float[] vector, String filter) throws IOException,
            InterruptedException {
        String body = "{\"vector\":" + Dataset.vectorText(vector) + (filter == null ? "" : ",\"filter\":" + filter)
                + "}";
        JsonNode answer = call("POST", "/v1/similars/" + user + "/" + project + "?threshold=0&limit=10", key, body,
                200);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : answer.get("results")) {
            ids.add(result.get("id").stringValue());
        }
        return ids;
    }

    JsonNode call(String method, String path, String key, String body, int expected) throws IOException,
            InterruptedException {
        HttpResponse<String> response = send(method, path, key, body);
        expect(response, method, path, expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static void expect(HttpResponse<String> response, String method, String path, int expected) {
        if (response.statusCode() != expected) {
            String text = response.body();
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + (response.statusCode() == 429 ? " (rate limited: start the service with rate limiting off, "
                    + "see --service-env)" : "") + ": " + text.substring(0, Math.min(400, text.length())));
        }
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
