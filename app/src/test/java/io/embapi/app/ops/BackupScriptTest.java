package io.embapi.app.ops;

import static io.embapi.app.StandaloneApp.call;
import static io.embapi.app.StandaloneApp.env;
import static io.embapi.platform.testing.TestDatabase.withDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.StandaloneApp;
import io.embapi.app.StandaloneApp.Answer;
import io.embapi.platform.testing.TableSnapshots;
import io.embapi.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * The operator's backup path end to end, through the scripts themselves: {@code ops/backup} (encrypted with a
 * throwaway gpg key when {@code gpg} is installed, plain otherwise) writes the contract's file name with mode 600
 * and applies retention to old backups only; {@code ops/restore} restores it into a fresh database; the service
 * starts on the copy, its damaged read tables are rebuilt from the events, and every table equals the state before
 * the backup. A failing backup leaves nothing behind and deletes nothing. (RestoreDrillTest is the same drill with
 * pg_dump/pg_restore called directly.)
 */
class BackupScriptTest {

    private static final String ADMIN = "backup-admin-key-0123456789abcdef0123456789abcdef";
    private static final String MASTER_KEY = "backup-master-key-0123456789abcdef0123456789";
    private static final List<String> POSITIONS = List.of("tokenentry", "event_chain");
    private static final Pattern BACKUP_NAME = Pattern.compile("embapi-\\d{8}T\\d{6}Z\\.dump(\\.gpg)?");
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    private static String serverUrl;
    private static String user;
    private static String password;
    private static final List<String> databases = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        serverUrl = System.getenv("TEST_JDBC_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
            throw new IllegalStateException("BackupScriptTest needs TEST_JDBC_URL (a superuser connection)");
        }
        user = env("TEST_JDBC_USER", "postgres");
        password = env("TEST_JDBC_PASSWORD", "");
        assertThat(REPO.resolve("ops/backup")).isExecutable();
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
    void backupRestoreRebuildGivesTheSameTablesAndRetentionDeletesOnlyOldBackups() throws Exception {
        String source = createDatabase();
        Map<String, List<String>> before;
        try (ConfigurableApplicationContext app = start(source)) {
            int port = port(app);
            populate(port);
            awaitCaughtUp(port);
            before = TableSnapshots.of(jdbc(source), POSITIONS);
        }
        assertThat(before.get("embedding_view")).hasSize(12);

        Path dir = temp.resolve("backups");
        Files.createDirectories(dir);
        Path expired = aged(dir.resolve("embapi-20200101T000000Z.dump"), 30);
        Path expiredEncrypted = aged(dir.resolve("embapi-20200102T000000Z.dump.gpg"), 9);
        Path recent = aged(dir.resolve("embapi-20200103T000000Z.dump"), 6);
        Path foreign = aged(dir.resolve("notes.txt"), 30);

        Map<String, String> environment = connection(source);
        environment.put("EMBAPI_BACKUP_DIR", dir.toString());
        environment.put("EMBAPI_BACKUP_KEEP_DAYS", "7");
        boolean encrypted = gpgAvailable();
        Path gpgHome = encrypted ? throwawayGpgKey() : null;
        if (encrypted) {
            environment.put("GNUPGHOME", gpgHome.toString());
            environment.put("EMBAPI_BACKUP_GPG_RECIPIENT", "backup-test@embapi.invalid");
        }
        try {
            Result backup = run(environment, "ops/backup");
            assertThat(backup.exit()).as(backup.output()).isZero();
            Path file = Path.of(backup.stdout().strip());
            assertThat(file.getParent()).isEqualTo(dir);
            Matcher name = BACKUP_NAME.matcher(file.getFileName().toString());
            assertThat(name.matches()).as(file.toString()).isTrue();
            assertThat(name.group(1) != null).isEqualTo(encrypted);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            if (encrypted) {
                // not a readable pg_dump archive without the private key: the custom format starts with PGDMP
                assertThat(new String(Files.readAllBytes(file), 0, 5, StandardCharsets.ISO_8859_1))
                        .isNotEqualTo("PGDMP");
            }
            assertThat(expired).doesNotExist();
            assertThat(expiredEncrypted).doesNotExist();
            assertThat(recent).exists();
            assertThat(foreign).exists();
            assertThat(listing(dir)).containsExactlyInAnyOrder(file.getFileName().toString(),
                    recent.getFileName().toString(), foreign.getFileName().toString());

            String restored = newDatabaseName();
            Result restore = run(environment, "ops/restore", file.toString(), restored);
            assertThat(restore.exit()).as(restore.output()).isZero();
            JdbcTemplate copy = jdbc(withDatabase(serverUrl, restored));
            assertThat(TableSnapshots.differences(before, TableSnapshots.of(copy, POSITIONS))).isEmpty();

            // damage the copy's read models: only a rebuild from the restored events repairs them
            copy.execute("TRUNCATE user_view");
            copy.update("DELETE FROM embedding_view WHERE text_id LIKE 'doc-1%'");
            copy.update("UPDATE project_view SET description = 'tampered'");
            try (ConfigurableApplicationContext app = start(withDatabase(serverUrl, restored))) {
                StringWriter output = new StringWriter();
                int exit = RebuildCommandAccess.run(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port(app),
                        "SERVICE_ADMINKEY", ADMIN), new PrintWriter(output, true), "--all", "--interval-ms", "200");
                assertThat(exit).as(output.toString()).isZero();
                assertThat(TableSnapshots.differences(before, TableSnapshots.of(copy, POSITIONS))).isEmpty();
            }
        } finally {
            if (encrypted) {
                run(environment, "gpgconf", "--kill", "all");
                try (Stream<Path> files = Files.walk(gpgHome)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @Test
    void aFailedBackupLeavesNothingBehindAndDeletesNothing() throws Exception {
        Path dir = temp.resolve("failing");
        Files.createDirectories(dir);
        Path expired = aged(dir.resolve("embapi-20200101T000000Z.dump"), 30);
        Map<String, String> environment = connection(withDatabase(serverUrl, "embapi_no_such_database"));
        environment.put("EMBAPI_BACKUP_DIR", dir.toString());
        environment.put("EMBAPI_BACKUP_KEEP_DAYS", "7");

        Result backup = run(environment, "ops/backup");

        assertThat(backup.exit()).as(backup.output()).isEqualTo(1);
        assertThat(backup.stdout()).isEmpty();
        assertThat(backup.output()).contains("no backup written");
        assertThat(listing(dir)).containsExactly(expired.getFileName().toString());

        environment.put("EMBAPI_BACKUP_KEEP_DAYS", "a week");
        assertThat(run(environment, "ops/backup").exit()).isEqualTo(2);
        environment.put("EMBAPI_BACKUP_KEEP_DAYS", "7");
        environment.put("EMBAPI_BACKUP_GPG_RECIPIENT", "nobody-known@embapi.invalid");
        environment.put("GNUPGHOME", Files.createDirectories(temp.resolve("empty-gnupg")).toString());
        assertThat(run(environment, "ops/backup").exit()).isEqualTo(2);
        assertThat(listing(dir)).containsExactly(expired.getFileName().toString());
    }

    /** Users, an instance, a shared project and a public one, embeddings and one deletion. */
    private static void populate(int port) {
        String alice = createUser(port, "bk-alice");
        String bob = createUser(port, "bk-bob");
        expect(201, call(port, "PUT", "/v1/llm-instances/bk-alice/embedding1", alice, "{\"instance_handle\":"
                + "\"embedding1\",\"api_standard\":\"openai\",\"dimensions\":3,\"api_key\":\"sk-backup-secret\"}"));
        expect(201, call(port, "PUT", "/v1/projects/bk-alice/papers", alice, "{\"project_handle\":\"papers\","
                + "\"description\":\"Papers\",\"instance_handle\":\"embedding1\",\"public_read\":true,"
                + "\"shared_with\":[{\"user_handle\":\"bk-bob\",\"role\":\"reader\"}]}"));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            items.append(i == 0 ? "" : ",").append("{\"text_id\":\"doc-").append(i)
                    .append("\",\"instance_handle\":\"embedding1\",\"text\":\"text ").append(i)
                    .append("\",\"vector\":[").append(Math.cos(i)).append(',').append(Math.sin(i))
                    .append(",1],\"vector_dim\":3,\"metadata\":{\"n\":").append(i).append("}}");
        }
        expect(201, call(port, "POST", "/v1/embeddings/bk-alice/papers", alice, "{\"embeddings\":[" + items + "]}"));
        expect(204, call(port, "DELETE", "/v1/embeddings/bk-alice/papers/doc-4", alice, null));
        expect(200, call(port, "GET", "/v1/projects/bk-alice/papers", bob, null));
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

    private static void awaitCaughtUp(int port) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode processor : call(port, "GET", "/v1/admin/processors", ADMIN, null).json()
                    .get("processors")) {
                assertThat(processor.get("lag").longValue()).as(processor.get("name").stringValue()).isZero();
                assertThat(processor.get("replaying").booleanValue()).isFalse();
            }
        });
    }

    /** A file {@code days} old (by modification time, as {@code touch -d}). */
    private static Path aged(Path file, int days) throws IOException {
        Files.writeString(file, "old");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(days))));
        return file;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static boolean gpgAvailable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "gpg")));
    }

    /** A fresh keyring with one unprotected key pair, in a GNUPGHOME of its own (the caller removes it). */
    private static Path throwawayGpgKey() throws Exception {
        // short path: gpg-agent's socket lives in it
        Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> environment = new HashMap<>();
        environment.put("GNUPGHOME", home.toString());
        Result generated = run(environment, "gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                "embapi backup test <backup-test@embapi.invalid>", "default", "default", "never");
        assertThat(generated.exit()).as(generated.output()).isZero();
        return home;
    }

    private static Map<String, String> connection(String jdbcUrl) {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*").matcher(jdbcUrl);
        assertThat(url.matches()).as(jdbcUrl).isTrue();
        Map<String, String> environment = new HashMap<>();
        environment.put("PGHOST", url.group(1));
        environment.put("PGPORT", url.group(2) == null ? "5432" : url.group(2));
        environment.put("PGUSER", user);
        environment.put("PGPASSWORD", password);
        environment.put("PGDATABASE", url.group(3));
        return environment;
    }

    private record Result(int exit, String stdout, String output) {
    }

    /** A script of the repository (or a command on the PATH) with extra environment, its stdout and stderr. */
    private static Result run(Map<String, String> environment, String command, String... args) throws Exception {
        List<String> line = new ArrayList<>();
        line.add(command.startsWith("ops/") ? REPO.resolve(command).toString() : command);
        line.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("embapi-script", ".out");
        Path err = Files.createTempFile("embapi-script", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(line).directory(REPO.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 5 minutes");
            }
            String stdout = Files.readString(out);
            return new Result(process.exitValue(), stdout, stdout + Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String newDatabaseName() {
        String name = "embapi_bk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        databases.add(name);
        return name;
    }

    /** A fresh pgvector database on the test server (TestDatabase.create), dropped after the class. */
    private static String createDatabase() {
        TestDatabase.Database database = TestDatabase.create("embapi_bk_");
        databases.add(database.name());
        return database.url();
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
}
