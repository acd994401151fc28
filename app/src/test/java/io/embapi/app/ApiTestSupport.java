package io.embapi.app;

import io.embapi.app.logcheck.TestSecrets;
import io.embapi.platform.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP tests: the real server on a random port, on a fresh PostgreSQL database (shared by all test
 * classes with the same configuration; handles made with {@link #unique(String)} keep tests apart).
 */
@AutoConfigureMetrics
@SpringBootTest(classes = EmbapiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "embapi.admin-key=" + ApiTestSupport.ADMIN_KEY,
                "embapi.encryption-key=" + ApiTestSupport.ENCRYPTION_KEY,
                "server.address=127.0.0.1",
                // Rate limits are on in production; tests that are about them turn them on (RateLimitTest).
                "embapi.rate-limit.enabled=false",
                "embapi.metrics.refresh=1s",
                // Small thresholds so that tests reach the HNSW plans with a few hundred rows; tests reconcile the
                // indexes themselves (SearchIndexes#reconcile) instead of waiting for the periodic check.
                "embapi.search.hnsw-min-rows=200",
                "embapi.search.exact-max-rows=50",
                "embapi.search.index-check-interval=1h"
        })
public abstract class ApiTestSupport {

    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef0123456789abcdef";
    public static final String ENCRYPTION_KEY = "test-encryption-key-32-bytes-long-1234567890";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    static {
        TestSecrets.record(ADMIN_KEY);
        TestSecrets.record(ENCRYPTION_KEY);
    }
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    /** The actuator's own port (health probes, Prometheus); the API port does not serve {@code /actuator}. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    /** A handle no other test uses: {@code prefix} plus a counter, at most 20 characters. */
    protected static String unique(String prefix) {
        String suffix = Integer.toString(COUNTER.incrementAndGet(), 36);
        String base = prefix.length() + suffix.length() + 1 > 20 ? prefix.substring(0, 19 - suffix.length()) : prefix;
        return base + "-" + suffix;
    }

    protected Response call(String method, String path, String token, String body) {
        return send(method, path, token, body, "application/json");
    }

    protected Response send(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        TestSecrets.recordRequest(token, body);
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    protected Response exchange(HttpRequest request) {
        try {
            request.headers().firstValue("Authorization").ifPresent(TestSecrets::recordAuthorization);
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            TestSecrets.recordResponse(request.method(), response.body());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET on the management port, e.g. {@code /actuator/prometheus}. */
    protected Response management(String path) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build());
    }

    /** Creates a user through the API (admin) and returns its key. */
    protected String createUser(String handle) {
        Response response = call("PUT", "/v1/users/" + handle, ADMIN_KEY,
                "{\"user_handle\":\"" + handle + "\",\"name\":\"" + handle + " Doe\",\"email\":\"" + handle
                        + "@example.org\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("creating " + handle + " failed: " + response);
        }
        return response.json().get("embapi_key").stringValue();
    }

    /**
     * An LLM service instance {@code embedding1} of {@code dimensions} and a project using it, both owned by
     * {@code owner}; answers the project's embeddings path.
     */
    protected String projectWithInstance(String owner, String key, String project, int dimensions) {
        Response instance = call("PUT", "/v1/llm-instances/" + owner + "/embedding1", key, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":" + dimensions + "}");
        Response created = call("PUT", "/v1/projects/" + owner + "/" + project, key, "{\"project_handle\":\""
                + project + "\",\"instance_handle\":\"embedding1\"}");
        if (instance.status() != 201 || created.status() != 201) {
            throw new IllegalStateException("creating " + owner + "/" + project + " failed: " + instance + " " + created);
        }
        return "/v1/embeddings/" + owner + "/" + project;
    }

    /** A new user (handle from {@link #unique(String)}) with its key. */
    protected User newUser(String prefix) {
        String handle = unique(prefix);
        return new User(handle, createUser(handle));
    }

    /** A user with its key. */
    public record User(String handle, String key) {
    }

    /** The events of the event store stream {@code aggregateId} (e.g. {@code project:7}), in order. */
    protected List<StoredEvent> streamEvents(String aggregateId) {
        return jdbc.query("SELECT payloadtype, sequencenumber, convert_from(payload, 'UTF8'), "
                        + "coalesce(convert_from(metadata, 'UTF8'), '') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, i) -> new StoredEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                aggregateId);
    }

    /** An event as stored: its payload type, sequence number, payload and metadata (both JSON text). */
    public record StoredEvent(String type, long sequence, String payload, String metadata) {

        public JsonNode payloadJson() {
            return JSON.readTree(payload);
        }

        public JsonNode metadataJson() {
            return JSON.readTree(metadata);
        }
    }

    /** An HTTP answer. */
    public record Response(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
