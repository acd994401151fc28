package io.embapi.app.processing;

import static io.embapi.app.StandaloneApp.call;
import static io.embapi.app.StandaloneApp.env;
import static io.embapi.platform.testing.TestDatabase.withDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.StandaloneApp;
import io.embapi.app.StandaloneApp.Answer;
import io.embapi.app.logcheck.TestSecrets;
import io.embapi.app.ops.RebuildCommandAccess;
import io.embapi.platform.testing.PostgresDumps;
import io.embapi.platform.testing.TableSnapshots;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * The restore drill (ops/README.md, "Rebuild after restore"): a database populated through the API is backed up
 * with {@code pg_dump}, restored with {@code pg_restore} into a fresh database, the service starts on the copy, its
 * read tables are damaged on purpose, and {@code ops/rebuild --all} rebuilds every read model. Afterwards every
 * table equals the state before the backup row for row (the processors' positions aside) and similarity searches
 * answer the same.
 */
class RestoreDrillTest {

    private static final String ADMIN = "drill-admin-key-0123456789abcdef0123456789abcdef";
    private static final String MASTER_KEY = "drill-master-key-0123456789abcdef0123456789";

    static {
        // the log leak check (LogLeakCheck) looks for these in everything the test run printed
        TestSecrets.record(ADMIN);
        TestSecrets.record(MASTER_KEY);
    }
    // Positions, and the hash chain (evidence, not a read model: its writer appends asynchronously, so a dump may be
    // taken while it is still behind; AuditChainTamperTest covers it).
    private static final List<String> POSITIONS = List.of("tokenentry", "event_chain");

    private static String serverUrl;
    private static String user;
    private static String password;
    private static final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void server() {
        serverUrl = System.getenv("TEST_JDBC_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
            throw new IllegalStateException("RestoreDrillTest needs TEST_JDBC_URL (a superuser connection)");
        }
        user = env("TEST_JDBC_USER", "postgres");
        password = env("TEST_JDBC_PASSWORD", "");
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aRestoredBackupRebuildsToTheStateBeforeTheBackup() throws Exception {
        String source = createDatabase(true);
        Map<String, List<String>> before;
        List<String> searchesBefore;
        Keys keys;
        try (ConfigurableApplicationContext app = start(source)) {
            int port = port(app);
            keys = populate(port);
            awaitCaughtUp(port);
            before = TableSnapshots.of(jdbc(source), POSITIONS);
            searchesBefore = searches(port, keys);
        }
        assertThat(before.get("embedding_view")).hasSizeGreaterThan(30);
        assertThat(before.get("project_member_view")).isNotEmpty();

        Path dump = Files.createTempFile("embapi-drill", ".dump");
        try {
            PostgresDumps.dump(source, user, password, dump);
            String restored = createDatabase(false);
            PostgresDumps.restore(dump, restored, user, password);
            JdbcTemplate copy = jdbc(restored);
            assertThat(TableSnapshots.differences(before, TableSnapshots.of(copy, POSITIONS))).isEmpty();

            // damage the read models of the copy: only a real rebuild from the events repairs this
            copy.execute("TRUNCATE user_view");
            copy.update("DELETE FROM embedding_view WHERE text_id LIKE 'doc-1%'");
            copy.update("UPDATE project_view SET description = 'tampered'");
            copy.update("DELETE FROM definition_view");

            try (ConfigurableApplicationContext app = start(restored)) {
                int port = port(app);
                StringWriter output = new StringWriter();
                int exit = RebuildCommandAccess.run(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port,
                        "SERVICE_ADMINKEY", ADMIN), new PrintWriter(output, true), "--all", "--interval-ms", "200");
                assertThat(exit).as(output.toString()).isZero();
                assertThat(output.toString()).contains("100.0%");

                assertThat(TableSnapshots.differences(before, TableSnapshots.of(copy, POSITIONS))).isEmpty();
                // the same keys work: the copy holds their hashes
                assertThat(searches(port, keys)).isEqualTo(searchesBefore);
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Users, an instance, shared and public projects, a definition, embeddings, deletions, a deleted user. */
    private static Keys populate(int port) {
        String alice = createUser(port, "drill-alice");
        String bob = createUser(port, "drill-bob");
        String dave = createUser(port, "drill-dave");
        expect(201, call(port, "PUT", "/v1/llm-instances/drill-alice/embedding1", alice, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":4,\"api_key\":\"sk-drill-secret\"}"));
        expect(201, call(port, "PUT", "/v1/llm-instances/drill-bob/embedding1", bob, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":4}"));
        expect(201, call(port, "PUT", "/v1/llm-instances/drill-dave/embedding1", dave, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":4}"));
        expect(201, call(port, "PUT", "/v1/projects/drill-alice/papers", alice, "{\"project_handle\":\"papers\","
                + "\"description\":\"Papers\",\"instance_handle\":\"embedding1\","
                + "\"shared_with\":[{\"user_handle\":\"drill-bob\",\"role\":\"reader\"}]}"));
        expect(201, call(port, "PUT", "/v1/projects/drill-bob/notes", bob, "{\"project_handle\":\"notes\","
                + "\"public_read\":true,\"instance_handle\":\"embedding1\"}"));
        expect(201, call(port, "PUT", "/v1/projects/drill-dave/gone", dave, "{\"project_handle\":\"gone\","
                + "\"instance_handle\":\"embedding1\"}"));
        expect(201, call(port, "PUT", "/v1/llm-definitions/drill-alice/mydef", alice,
                "{\"definition_handle\":\"mydef\",\"api_standard\":\"openai\",\"dimensions\":4}"));
        for (int batch = 0; batch < 3; batch++) {
            upload(port, alice, "/v1/embeddings/drill-alice/papers", batch * 10, 10);
        }
        upload(port, alice, "/v1/embeddings/drill-alice/papers", 5, 3); // an update of three
        upload(port, bob, "/v1/embeddings/drill-bob/notes", 100, 8);
        upload(port, dave, "/v1/embeddings/drill-dave/gone", 200, 5);
        expect(204, call(port, "DELETE", "/v1/embeddings/drill-alice/papers/doc-29", alice, null));
        expect(204, call(port, "DELETE", "/v1/users/drill-dave", ADMIN, null));
        return new Keys(alice, bob);
    }

    private static void upload(int port, String key, String path, int first, int count) {
        StringBuilder items = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            double angle = i * 0.37;
            items.append(items.isEmpty() ? "" : ",").append("{\"text_id\":\"doc-").append(i)
                    .append("\",\"instance_handle\":\"embedding1\",\"text\":\"text ").append(i)
                    .append("\",\"vector\":[").append(Math.cos(angle)).append(',').append(Math.sin(angle))
                    .append(',').append(i % 3).append(",1],\"vector_dim\":4,\"metadata\":{\"n\":").append(i)
                    .append("}}");
        }
        expect(201, call(port, "POST", path, key, "{\"embeddings\":[" + items + "]}"));
    }

    /** A few similarity searches (by stored document, by vector with a filter, on the public project). */
    private static List<String> searches(int port, Keys keys) {
        List<String> answers = new ArrayList<>();
        for (String query : List.of("/v1/similars/drill-alice/papers/doc-3?limit=10&threshold=0",
                "/v1/similars/drill-alice/papers/doc-17?limit=5&threshold=0.5",
                "/v1/similars/drill-bob/notes/doc-101?limit=10&threshold=0")) {
            Answer answer = call(port, "GET", query, keys.bob(), null);
            expect(200, answer);
            answers.add(answer.body());
        }
        Answer filtered = call(port, "POST", "/v1/similars/drill-alice/papers?limit=8&threshold=0", keys.alice(),
                "{\"vector\":[1,0,1,1],\"filter\":{\"must_not\":[{\"key\":\"n\",\"in\":[1,2,3]}]}}");
        expect(200, filtered);
        answers.add(filtered.body());
        return answers;
    }

    private static void awaitCaughtUp(int port) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode processor : call(port, "GET", "/v1/admin/processors", ADMIN, null).json()
                    .get("processors")) {
                assertThat(processor.get("lag").longValue()).as(processor.get("name").stringValue()).isZero();
                assertThat(processor.get("replaying").booleanValue()).isFalse();
            }
        });
    }

    private static String createUser(int port, String handle) {
        Answer created = call(port, "PUT", "/v1/users/" + handle, ADMIN, "{\"user_handle\":\"" + handle
                + "\",\"name\":\"" + handle + " Doe\",\"email\":\"" + handle + "@example.org\"}");
        expect(201, created);
        return created.json().get("embapi_key").stringValue();
    }

    private static void expect(int status, Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }

    private static String createDatabase(boolean withVector) throws SQLException {
        String name = "embapi_drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        databases.add(name);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = withDatabase(serverUrl, name);
        if (withVector) {
            try (Connection db = DriverManager.getConnection(url, user, password);
                 Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            }
        }
        return url;
    }

    private static ConfigurableApplicationContext start(String databaseUrl) {
        // the suite's cached contexts hold their pools meanwhile; the drill needs few connections
        return StandaloneApp.start(databaseUrl, user, password, ADMIN, MASTER_KEY,
                "spring.datasource.hikari.maximum-pool-size=6", "embapi.search.pool-size=2");
    }

    private static int port(ConfigurableApplicationContext context) {
        return StandaloneApp.port(context);
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    }

    private record Keys(String alice, String bob) {
    }
}
