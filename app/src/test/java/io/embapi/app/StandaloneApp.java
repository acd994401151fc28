package io.embapi.app;

import io.embapi.app.logcheck.TestSecrets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For tests that start the application themselves on a database of their own (key rotation, the restore drill, the
 * backup drill): starting it, a plain HTTP call to it, and environment lookups with a fallback (the database URL of
 * such an application comes from {@code TestDatabase.withDatabase}).
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

    /**
     * Starts the application on {@code databaseUrl} with random API and management ports and rate limits off; the
     * keys are recorded for the leak check. Builder properties are only defaults (application.yml would win), so the
     * settings go in as arguments too.
     */
    public static ConfigurableApplicationContext start(String databaseUrl, String user, String password,
                                                       String adminKey, String masterKey, String... more) {
        TestSecrets.record(adminKey);
        TestSecrets.record(masterKey);
        List<String> settings = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
                "management.server.port=0", "embapi.rate-limit.enabled=false",
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + user,
                "spring.datasource.password=" + password,
                "embapi.admin-key=" + adminKey,
                "embapi.encryption-key=" + masterKey));
        settings.addAll(List.of(more));
        String[] defaults = settings.toArray(String[]::new);
        String[] arguments = settings.stream().map(setting -> "--" + setting).toArray(String[]::new);
        return new SpringApplicationBuilder(EmbapiApplication.class).properties(defaults).run(arguments);
    }

    /** The API port of an application {@link #start started} here. */
    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** An environment variable, or {@code fallback}. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
