package io.embapi.app.hardening;

import static io.embapi.app.StandaloneApp.call;
import static io.embapi.app.StandaloneApp.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.StandaloneApp.Answer;
import io.embapi.app.logcheck.TestSecrets;
import io.embapi.platform.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a production deployment runs it, configured only through its environment variables (the
 * database URL is application.yml's, with {@code SERVICE_DBSSLMODE}): connected as a fresh NOSUPERUSER role that
 * owns its database, on which the superuser created the {@code vector} extension beforehand (as {@code ops/run}
 * provisions it); generated 64-character keys, a previous admin key inside its rotation window, JSON logs
 * ({@code EMBAPI_LOG_FORMAT=json}), debug left at its default. Migrations run as that role, and a user, an
 * instance, a project, an upload and a search work.
 *
 * <p>The service runs in a JVM of its own (the test classpath, {@code io.embapi.app.EmbapiApplication}) with these
 * settings as real environment variables: logging is configured once per JVM, so JSON logs and the environment
 * variable wiring can only be seen this way. Its output is copied into this JVM's output line by line, so the
 * log leak check ({@code LogLeakCheck}) scans it too.
 */
class ProductionProfileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = generated();
    private static final String PREVIOUS_ADMIN = generated();
    private static final String MASTER = generated();
    private static final DateTimeFormatter BACKUP_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static String serverUrl;
    private static String superuser;
    private static String superuserPassword;
    private static String database;
    private static String role;
    private static Path backups;
    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static Process service;
    private static int port;

    private static String generated() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        TestSecrets.record(key);
        return key;
    }

    @BeforeAll
    static void provisionAndStart() throws SQLException, IOException {
        serverUrl = env("TEST_JDBC_URL", "");
        if (serverUrl.isBlank()) {
            throw new IllegalStateException("ProductionProfileTest needs TEST_JDBC_URL (a superuser connection)");
        }
        superuser = env("TEST_JDBC_USER", "postgres");
        superuserPassword = env("TEST_JDBC_PASSWORD", "");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = "embapi_prod_" + suffix;
        role = "embapi_role_" + suffix;
        String rolePassword = generated();
        // What ops/run's pg_ensure_app_db does: a plain login role owning its database, the extension by the superuser.
        try (Connection admin = DriverManager.getConnection(serverUrl, superuser, superuserPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                    + "NOBYPASSRLS PASSWORD '" + rolePassword + "'");
            statement.execute("CREATE DATABASE " + database + " OWNER " + role);
        }
        try (Connection db = DriverManager.getConnection(TestDatabase.withDatabase(serverUrl, database), superuser,
                superuserPassword); Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION vector");
        }
        backups = Files.createTempDirectory("embapi-backups");
        Matcher server = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(serverUrl);
        assertThat(server.find()).as(serverUrl).isTrue();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.embapi.app.EmbapiApplication")
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SERVICE_") || name.startsWith("EMBAPI_")
                || name.startsWith("ENCRYPTION_"));
        environment.putAll(Map.ofEntries(
                Map.entry("SERVICE_HOST", "127.0.0.1"), Map.entry("SERVICE_PORT", Integer.toString(port)),
                Map.entry("SERVICE_DBHOST", server.group(1)),
                Map.entry("SERVICE_DBPORT", server.group(2) == null ? "5432" : server.group(2)),
                Map.entry("SERVICE_DBNAME", database), Map.entry("SERVICE_DBUSER", role),
                Map.entry("SERVICE_DBPASSWORD", rolePassword), Map.entry("SERVICE_DBSSLMODE", "disable"),
                Map.entry("SERVICE_ADMINKEY", ADMIN), Map.entry("ENCRYPTION_KEY", MASTER),
                Map.entry("SERVICE_ADMINKEY_PREVIOUS", PREVIOUS_ADMIN),
                Map.entry("SERVICE_ADMINKEY_PREVIOUS_UNTIL", Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                Map.entry("EMBAPI_LOG_FORMAT", "json"),
                Map.entry("EMBAPI_BACKUP_DIR", backups.toString()),
                Map.entry("EMBAPI_SEARCH_INDEXCHECKINTERVAL", "1h")));
        service = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(service.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    System.out.println(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "production-profile-output");
        pump.setDaemon(true);
        pump.start();
        Awaitility.await("the service on port " + port).atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!service.isAlive()) {
                        throw new AssertionError("the service exited: " + String.join("\n", output));
                    }
                    try {
                        return call(port, "GET", "/v1", ADMIN, null).status() == 200;
                    } catch (IllegalStateException notYet) {
                        return false;
                    }
                });
    }

    @AfterAll
    static void stopAndDrop() throws SQLException {
        if (service != null) {
            service.destroy();
            try {
                if (!service.waitFor(60, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection admin = DriverManager.getConnection(serverUrl, superuser, superuserPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private static JdbcTemplate asSuperuser() {
        return new JdbcTemplate(new DriverManagerDataSource(TestDatabase.withDatabase(serverUrl, database), superuser,
                superuserPassword));
    }

    @Test
    void migratesAndServesUploadsAndSearchesAsANonSuperuserRole() {
        JdbcTemplate jdbc = asSuperuser();
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = ?", Boolean.class, role))
                .isFalse();
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'domainevententry'",
                String.class)).isEqualTo(role);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT usename FROM pg_stat_activity WHERE datname = ? "
                + "AND application_name = 'embapi' LIMIT 1", String.class, database)).isEqualTo(role);

        Answer user = call(port, "PUT", "/v1/users/prodalice", ADMIN,
                "{\"user_handle\":\"prodalice\",\"name\":\"Alice\",\"email\":\"prodalice@example.org\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String key = user.json().get("embapi_key").stringValue();
        Answer instance = call(port, "PUT", "/v1/llm-instances/prodalice/emb", key,
                "{\"instance_handle\":\"emb\",\"api_standard\":\"openai\",\"dimensions\":3,"
                        + "\"api_key\":\"sk-production-profile-provider-key\"}");
        assertThat(instance.status()).as(instance.body()).isEqualTo(201);
        Answer project = call(port, "PUT", "/v1/projects/prodalice/papers", key,
                "{\"project_handle\":\"papers\",\"instance_handle\":\"emb\"}");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        Answer upload = call(port, "POST", "/v1/embeddings/prodalice/papers", key, "{\"embeddings\":["
                + item("a", "[1,0,0]") + "," + item("b", "[0.9,0.1,0]") + "," + item("c", "[0,0,1]") + "]}");
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        Answer search = call(port, "POST", "/v1/similars/prodalice/papers?threshold=0.5", key,
                "{\"vector\":[1,0,0]}");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).contains("\"a\"").contains("\"b\"").doesNotContain("\"c\"");
    }

    private static String item(String id, String vector) {
        return "{\"text_id\":\"" + id + "\",\"instance_handle\":\"emb\",\"vector\":" + vector
                + ",\"vector_dim\":3,\"metadata\":{\"n\":\"" + id + "\"}}";
    }

    /** The lines the service printed from now on, once {@code action} has run and the output had time to arrive. */
    private static List<String> linesDuring(Runnable action) {
        int mark = output.size();
        action.run();
        String marker = "marker-" + UUID.randomUUID();
        call(port, "GET", "/v1/users/" + marker.substring(0, 15), ADMIN, null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().skip(mark)
                .anyMatch(l -> l.contains(marker.substring(0, 15))));
        return List.copyOf(output.subList(mark, output.size()));
    }

    @Test
    void logsAreJsonMaskedAndNotDebugByDefault() {
        String[] bobKey = new String[1];
        List<String> printed = linesDuring(() -> {
            Answer created = call(port, "PUT", "/v1/users/prodbob", ADMIN,
                "{\"user_handle\":\"prodbob\",\"name\":\"Bob\",\"email\":\"prodbob@example.org\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            bobKey[0] = created.json().get("embapi_key").stringValue();
        });

        assertThat(output).allMatch(line -> line.startsWith("{"), "every line is a JSON object");
        List<JsonNode> lines = printed.stream().map(JSON::readTree).toList();
        JsonNode audit = lines.stream().filter(l -> l.toString().contains("resource=user_handle=prodbob"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON audit line in\n" + printed));
        assertThat(audit.toString()).contains("\"actor\":\"admin\"", "\"route\":\"/v1/users/{user_handle}\"",
                "\"resource\":\"user_handle=prodbob\"", "\"status\":201");
        assertThat(String.join("\n", output)).doesNotContain(ADMIN).doesNotContain(bobKey[0]).doesNotContain(MASTER)
                .doesNotContain("SERVICE_DEBUG is on");
        assertThat(output).noneMatch(l -> l.contains("\"DEBUG\""));
    }

    @Test
    void thePreviousAdminKeyWorksInsideItsWindowWithAWarningPerUse() {
        List<String> printed = linesDuring(() -> {
            assertThat(call(port, "GET", "/v1/users", PREVIOUS_ADMIN, null).status()).isEqualTo(200);
            assertThat(call(port, "GET", "/v1/admin/sanity-check", PREVIOUS_ADMIN, null).status()).isEqualTo(200);
        });
        assertThat(printed).filteredOn(l -> l.contains("PREVIOUS admin key") && l.contains("WARN")).hasSize(2);
        assertThat(String.join("\n", output)).doesNotContain(PREVIOUS_ADMIN);
        assertThat(call(port, "GET", "/v1/users", "x" + PREVIOUS_ADMIN, null).status()).isEqualTo(401);
    }

    @Test
    void theDoctorPassesTheRoleAndJudgesTheBackups() throws IOException {
        Path recent = backups.resolve("embapi-" + BACKUP_TIME.format(Instant.now().minus(1, ChronoUnit.HOURS))
                + ".dump");
        Files.writeString(recent, "dump");
        JsonNode report = call(port, "GET", "/v1/admin/doctor", ADMIN, null).json();
        assertThat(status(report, "database_role")).isEqualTo("pass");
        assertThat(status(report, "backups")).isEqualTo("pass");
        assertThat(status(report, "previous_admin_key")).isEqualTo("warn");
        assertThat(status(report, "debug_off")).isEqualTo("pass");
        assertThat(detail(report, "database_tls")).contains("sslmode=disable");

        Files.delete(recent);
        Files.writeString(backups.resolve("embapi-" + BACKUP_TIME.format(Instant.now().minus(30, ChronoUnit.HOURS))
                + ".dump.gpg"), "dump");
        JsonNode stale = call(port, "GET", "/v1/admin/doctor", ADMIN, null).json();
        assertThat(status(stale, "backups")).isEqualTo("fail");
        assertThat(detail(stale, "backups")).contains("older than 26 h");
        assertThat(stale.get("status").stringValue()).isEqualTo("fail");
    }

    private static String status(JsonNode report, String name) {
        return find(report, name).get("status").stringValue();
    }

    private static String detail(JsonNode report, String name) {
        return find(report, name).get("detail").stringValue();
    }

    private static JsonNode find(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").stringValue().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
