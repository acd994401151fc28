package io.embapi.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A fresh PostgreSQL database with pgvector for each Spring test context. The server is the one named by
 * {@code TEST_JDBC_URL} (a superuser connection; {@code ops/test} provides one), or a Testcontainers
 * {@code pgvector/pgvector} container when that variable is unset. Without either, tests fail loudly: database
 * tests are never skipped.
 */
public final class TestDatabase {

    private static PostgreSQLContainer container;

    private TestDatabase() {
    }

    /** Creates a new database and points {@code spring.datasource.*} at it. */
    public static void register(DynamicPropertyRegistry registry) {
        Database database = create("embapi_test_");
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    /**
     * A new database with pgvector on the test server, for tests that start the application (or a child JVM) on a
     * database of their own; {@link Database#close()} drops it.
     */
    public static Database create(String prefix) {
        Server server = server();
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server.url(), e);
        }
        String url = withDatabase(server.url(), name);
        try (Connection db = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("pgvector is not available on " + server.url(), e);
        }
        return new Database(server.url(), server.user(), server.password(), name, url);
    }

    /** A database made by {@link #create}: the server's URL, credentials, its name and its URL. */
    public record Database(String serverUrl, String user, String password, String name, String url)
            implements AutoCloseable {

        /** Drops the database (best effort: ops/test throws the whole cluster away anyway). */
        @Override
        public void close() {
            drop(new Server(serverUrl, user, password), name);
        }
    }

    private static Server server() {
        String url = System.getenv("TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, env("TEST_JDBC_USER", "postgres"), env("TEST_JDBC_PASSWORD", ""));
        }
        synchronized (TestDatabase.class) {
            if (container == null) {
                try {
                    container = new PostgreSQLContainer(DockerImageName.parse("pgvector/pgvector:pg15")
                            .asCompatibleSubstituteFor("postgres"));
                    container.start();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("No database for tests: set TEST_JDBC_URL (ops/test does) "
                            + "or provide Docker for Testcontainers", e);
                }
            }
        }
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static void drop(Server server, String name) {
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort at JVM exit; ops/test throws the whole cluster away anyway
        }
    }

    public static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private record Server(String url, String user, String password) {
    }
}
