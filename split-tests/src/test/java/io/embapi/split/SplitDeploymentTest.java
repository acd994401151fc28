package io.embapi.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.split.ControllerRoutes.Route;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The split deployment with real JVMs (ADR 0015): one command-app and two query-app processes ({@code java -jar} on
 * the packaged jars) on one fresh database, and the single-process app on another for comparison. Requests go
 * through {@link RoutingMap} (the rules of {@code ops/nginx/routes.conf}; the two query JVMs take turns, as an nginx
 * upstream does). Proves: every route answers like the single-process app; every event is projected exactly once
 * while both query JVMs share the segments; a killed query JVM's segments are taken over and caught up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentTest {

    static final String ADMIN_KEY = "split-test-admin-key-0123456789abcdef0123456789";
    static final String ENCRYPTION_KEY = "split-test-encryption-key-0123456789abcdef012345";
    /** Generous: eight engineers share two cores; on a quiet machine the JVMs are up in about 20 s. */
    private static final Duration STARTUP = Duration.ofMinutes(10);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String[] QUERY_PROCESSORS = {"user-view", "project-view", "api-standard-view",
            "definition-view", "instance-view", "embedding-view", "audit-resources", "history-index"};

    private final List<String> databases = new ArrayList<>();
    private String serverUrl;
    private String serverUser;
    private String serverPassword;
    private JdbcTemplate splitDb;
    private Deployable command;
    private Deployable query1;
    private Deployable query2;
    private Deployable single;
    private RoutingMap routes;
    private final List<Integer> queryPorts = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    @BeforeAll
    void startTheDeployables() throws Exception {
        serverUrl = System.getenv("TEST_JDBC_URL");
        assertThat(serverUrl).as("TEST_JDBC_URL (a PostgreSQL superuser connection; ops/test sets it)").isNotBlank();
        serverUser = env("TEST_JDBC_USER", "postgres");
        serverPassword = env("TEST_JDBC_PASSWORD", "");
        routes = RoutingMap.read(RoutesTest.ROUTES);
        try {
            Map<String, String> split = createDatabase("embapi_split_");
            Map<String, String> reference = createDatabase("embapi_single_");
            DriverManagerDataSource dataSource = new DriverManagerDataSource(
                    jdbcUrl(split.get("SERVICE_DBNAME")), serverUser, serverPassword);
            splitDb = new JdbcTemplate(dataSource);
            Map<String, String> queryEnv = Map.of("EMBAPI_PROCESSING_CLAIMTIMEOUT", "5s",
                    "EMBAPI_PROCESSING_TOKENCLAIMINTERVAL", "1s");
            command = Deployable.start("command", "command-app/target/embapi-command.jar", split, Map.of());
            query1 = Deployable.start("query-1", "query-app/target/embapi-query.jar", split, queryEnv);
            query2 = Deployable.start("query-2", "query-app/target/embapi-query.jar", split, queryEnv);
            single = Deployable.start("single", "app/target/embapi.jar", reference, Map.of());
            for (Deployable deployable : List.of(command, query1, query2, single)) {
                await(deployable + " ready").atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                        .until(deployable::ready);
            }
            queryPorts.add(query1.port);
            queryPorts.add(query2.port);
        } catch (Exception | AssertionError e) {
            stopTheDeployables();
            throw e;
        }
    }

    @AfterAll
    void stopTheDeployables() {
        Deployable.killAll();
        for (String database : databases) {
            try (Connection admin = DriverManager.getConnection(serverUrl, serverUser, serverPassword);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // best effort; ops/test throws the cluster away
            }
        }
    }

    // ---- 1. the routing map against the running deployables --------------------------------------------------

    @Test
    @Order(1)
    void everyRouteThroughTheMapAnswersLikeTheSingleProcessApp() {
        List<Step> steps = Scenario.steps();
        Map<String, String> splitKeys = new HashMap<>(Map.of("admin", ADMIN_KEY));
        Map<String, String> singleKeys = new HashMap<>(Map.of("admin", ADMIN_KEY));
        List<String> differences = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Step step : steps) {
            Answer viaMap = send(routed(step.method(), step.path()), step, splitKeys);
            Answer reference = send(single.port, step, singleKeys);
            String expected = reference.status() + " " + (step.statusOnly() ? "" : normalize(reference.body()));
            String actual = viaMap.status() + " " + (step.statusOnly() ? "" : normalize(viaMap.body()));
            if (!expected.equals(actual)) {
                differences.add(step.method() + " " + step.path() + "\n   single: " + expected + "\n   split:  "
                        + actual);
            }
            boolean refusedOnPurpose = Scenario.REFUSED.stream().anyMatch(step.path()::endsWith);
            if (reference.status() >= 500 || (!refusedOnPurpose && reference.status() >= 300)) {
                unexpected.add(step.method() + " " + step.path() + ": " + reference.status() + " " + reference.body());
            }
        }
        assertThat(unexpected).as("scenario requests the single-process app did not accept").isEmpty();
        assertThat(differences).as("answers that differ between the split deployment and the single-process app")
                .isEmpty();

        // the scenario has a request for every controller route of both sides
        List<Route> all = new ArrayList<>(ControllerRoutes.in("io.embapi.command"));
        all.addAll(ControllerRoutes.in("io.embapi.query"));
        all.addAll(ControllerRoutes.in("io.embapi.platform"));
        List<Route> missed = all.stream().filter(route -> steps.stream()
                .noneMatch(step -> route.matches(step.method(), step.path().split("\\?")[0]))).toList();
        assertThat(missed).as("controller routes without a request in the scenario").isEmpty();
    }

    // ---- 2. exactly once with two query JVMs --------------------------------------------------------------------

    @Test
    @Order(2)
    void everyEventIsProjectedExactlyOnceWhileTwoQueryJvmsShareTheSegments() {
        assertThat(owners()).as("segments are shared by both query JVMs")
                .anyMatch(owner -> owner.startsWith(query1.nodeIdPrefix()))
                .anyMatch(owner -> owner.startsWith(query2.nodeIdPrefix()));
        Traffic traffic = new Traffic("a");
        traffic.run();

        awaitExactlyOnce(List.of(query1, query2), Map.of());
        Map<String, Long> first = query1.processedEvents();
        Map<String, Long> second = query2.processedEvents();
        assertThat(total(first)).as("events query-1 handled").isPositive();
        assertThat(total(second)).as("events query-2 handled").isPositive();
        assertThat(first.get("embedding-view")).as("upload batches query-1 projected").isPositive();
        assertThat(second.get("embedding-view")).as("upload batches query-2 projected").isPositive();
        assertReadTablesMatchTheEvents();
    }

    // ---- 3. takeover ----------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void theSurvivorTakesOverTheSegmentsOfAKilledQueryJvmAndCatchesUp() throws Exception {
        awaitExactlyOnce(List.of(query1, query2), Map.of());
        Map<String, Long> lastOfTheKilled = query2.processedEvents();
        query2.kill();
        queryPorts.remove(Integer.valueOf(query2.port)); // the proxy marks it down
        long killedAt = System.nanoTime();

        new Traffic("b").run(); // writes may answer "pending" until the claims of the dead JVM expire

        await("query-1 owns every segment").atMost(CATCH_UP).pollInterval(Duration.ofMillis(250))
                .until(() -> owners().stream().allMatch(owner -> owner.startsWith(query1.nodeIdPrefix())));
        awaitExactlyOnce(List.of(query1), lastOfTheKilled);
        System.out.printf("takeover: query-1 owned every segment and had caught up %d ms after the kill%n",
                (System.nanoTime() - killedAt) / 1_000_000);
        assertReadTablesMatchTheEvents();
    }

    // ---- the checks -----------------------------------------------------------------------------------------------

    /**
     * Waits until, for every projection, the events handled by {@code running} (plus {@code before}, the final
     * counts of a killed JVM) equal the events of the event store the projection handles, and stay equal.
     */
    private void awaitExactlyOnce(List<Deployable> running, Map<String, Long> before) {
        Map<String, Set<Class<?>>> handled = handledTypes();
        await("every event projected").atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> handledCounts(running, before).equals(expectedCounts(handled)));
        assertThat(handledCounts(running, before)).as("events handled, summed over the query JVMs")
                .isEqualTo(expectedCounts(handled));
    }

    private Map<String, Long> handledCounts(List<Deployable> running, Map<String, Long> before) {
        Map<String, Long> sum = new TreeMap<>();
        for (String processor : QUERY_PROCESSORS) {
            long count = before.getOrDefault(processor, 0L);
            for (Deployable deployable : running) {
                count += deployable.processedEvents().getOrDefault(processor, 0L);
            }
            sum.put(processor, count);
        }
        return sum;
    }

    /** Per projection, how many events of the store have a type one of its handlers takes. */
    private Map<String, Long> expectedCounts(Map<String, Set<Class<?>>> handled) {
        Map<String, Long> byType = new HashMap<>();
        splitDb.query("SELECT payloadtype, count(*) FROM domainevententry GROUP BY payloadtype",
                rs -> {
                    byType.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> expected = new TreeMap<>();
        for (String processor : QUERY_PROCESSORS) {
            long count = 0;
            for (Map.Entry<String, Long> type : byType.entrySet()) {
                Class<?> payload = ClassUtils.resolveClassName(type.getKey(), null);
                if (handled.get(processor).stream().anyMatch(t -> t.isAssignableFrom(payload))) {
                    count += type.getValue();
                }
            }
            expected.put(processor, count);
        }
        return expected;
    }

    /** The event types each processing group's {@code @EventHandler}s take, read from the query side's classes. */
    private static Map<String, Set<Class<?>>> handledTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        Map<String, Set<Class<?>>> handled = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.embapi.query")) {
            Class<?> projection = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            String group = projection.getAnnotation(ProcessingGroup.class).value();
            for (Method method : projection.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventHandler.class)) {
                    handled.computeIfAbsent(group, g -> new HashSet<>()).add(method.getParameterTypes()[0]);
                }
            }
        }
        assertThat(handled).containsOnlyKeys(QUERY_PROCESSORS);
        return handled;
    }

    /** The read tables hold what the command side's registries (written with the events) hold. */
    private void assertReadTablesMatchTheEvents() {
        assertThat(count("user_view")).isEqualTo(count("user_registry"));
        assertThat(count("project_view")).isEqualTo(count("project_registry"));
        assertThat(count("instance_view")).isEqualTo(count("instance_registry"));
        assertThat(count("definition_view")).isEqualTo(count("definition_registry"));
        assertThat(count("embedding_view")).isEqualTo(count("embedding_registry")).isPositive();
        assertThat(splitDb.queryForList("SELECT project_id || '/' || text_id FROM embedding_view ORDER BY 1",
                String.class)).isEqualTo(splitDb.queryForList(
                "SELECT project_id || '/' || text_id FROM embedding_registry ORDER BY 1", String.class));
    }

    private long count(String table) {
        Long count = splitDb.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }

    private List<String> owners() {
        return splitDb.queryForList("SELECT coalesce(owner, '') FROM tokenentry", String.class);
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    // ---- traffic ----------------------------------------------------------------------------------------------

    /** Users, projects and several upload batches, all through the map to the command side. */
    private final class Traffic {

        private final String round;

        Traffic(String round) {
            this.round = round;
        }

        void run() {
            Map<String, String> keys = new HashMap<>(Map.of("admin", ADMIN_KEY));
            for (int u = 0; u < 3; u++) {
                String user = "usr" + round + u;
                Answer created = send(routed("PUT", "/v1/users/" + user), new Step("PUT", "/v1/users/" + user,
                        "admin", "{\"user_handle\":\"" + user + "\",\"name\":\"User " + u + "\",\"email\":\"" + user
                        + "@example.org\"}", null, false, user), keys);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                write(user, "PUT", "/v1/llm-instances/" + user + "/emb", "{\"instance_handle\":\"emb\","
                        + "\"api_standard\":\"openai\",\"model\":\"m\",\"dimensions\":4,"
                        + "\"endpoint\":\"https://example.org/v1/embeddings\"}", keys);
                for (int p = 0; p < 2; p++) {
                    String project = "prj" + p;
                    write(user, "PUT", "/v1/projects/" + user + "/" + project, "{\"project_handle\":\"" + project
                            + "\",\"instance_handle\":\"emb\"}", keys);
                    for (int batch = 0; batch < 3; batch++) {
                        StringBuilder body = new StringBuilder("{\"embeddings\":[");
                        for (int i = 0; i < 10; i++) {
                            body.append(i == 0 ? "" : ",").append("{\"text_id\":\"t").append(batch).append('-')
                                    .append(i).append("\",\"instance_handle\":\"emb\",\"vector\":[")
                                    .append(0.1 * i).append(',').append(0.2).append(',').append(batch).append(",1]")
                                    .append(",\"vector_dim\":4,\"metadata\":{\"batch\":").append(batch).append("}}");
                        }
                        write(user, "POST", "/v1/embeddings/" + user + "/" + project, body.append("]}").toString(),
                                keys);
                    }
                    write(user, "DELETE", "/v1/embeddings/" + user + "/" + project + "/t0-0", null, keys);
                }
            }
            write("admin", "DELETE", "/v1/users/usr" + round + "2", null, keys);
        }

        private void write(String who, String method, String path, String body, Map<String, String> keys) {
            Answer answer = send(routed(method, path), new Step(method, path, who, body, null, false, null), keys);
            assertThat(answer.status()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 299);
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    /** The port the map sends {@code method path} to (the query JVMs take turns, as nginx's round robin does). */
    private int routed(String method, String pathAndQuery) {
        String upstream = routes.upstream(method, pathAndQuery.split("\\?")[0]);
        return switch (upstream) {
            case "embapi_command" -> command.port;
            case "embapi_query" -> queryPorts.get(Math.floorMod(turn.getAndIncrement(), queryPorts.size()));
            default -> throw new IllegalStateException("unknown upstream " + upstream);
        };
    }

    private static Answer send(int port, Step step, Map<String, String> keys) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + step.path()))
                .timeout(Duration.ofSeconds(60))
                .method(step.method(), step.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(step.body()));
        if (step.who() != null) {
            request.header("Authorization", "Bearer " + keys.getOrDefault(step.who(), "no-key-for-" + step.who()));
        }
        if (step.body() != null) {
            request.header("Content-Type", step.contentType() == null ? "application/json" : step.contentType());
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(), response.body());
            if (step.capture() != null && answer.status() < 300) {
                JsonNode json = JSON.readTree(answer.body());
                JsonNode key = json.has("embapi_key") ? json.get("embapi_key") : json.get("auditor_key");
                keys.put(step.capture(), key.stringValue());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(step.method() + " " + step.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Masks what differs between two deployments by nature: keys, times, request ids. */
    static String normalize(String body) {
        return body.replaceAll("[0-9a-f]{64}", "<key>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})", "<time>");
    }

    record Answer(int status, String body) {
    }

    /** One request of a scenario; {@code who} names the key, {@code capture} stores the key the answer carries. */
    record Step(String method, String path, String who, String body, String contentType, boolean statusOnly,
                String capture) {
    }

    // ---- databases --------------------------------------------------------------------------------------------

    private Map<String, String> createDatabase(String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(serverUrl, serverUser, serverPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        databases.add(name);
        try (Connection db = DriverManager.getConnection(jdbcUrl(name), serverUser, serverPassword);
             Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        URI server = URI.create(serverUrl.substring("jdbc:".length()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVICE_DBHOST", server.getHost());
        env.put("SERVICE_DBPORT", Integer.toString(server.getPort() < 0 ? 5432 : server.getPort()));
        env.put("SERVICE_DBNAME", name);
        env.put("SERVICE_DBUSER", serverUser);
        env.put("SERVICE_DBPASSWORD", serverPassword);
        return env;
    }

    private String jdbcUrl(String database) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
