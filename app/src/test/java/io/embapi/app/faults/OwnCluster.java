package io.embapi.app.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, started and stopped through {@code ops/lib/postgres.sh} (the same functions
 * {@code ops/test} uses), so that a test can stop the server under a running service ({@code pg_ctl stop -m fast}
 * or {@code -m immediate}) without touching the shared test server. Needs root (the server runs as user
 * {@code postgres}), as {@code ops/test} does. {@link #close()} stops the cluster and deletes its directory; a
 * shutdown hook does the same if the test JVM ends first.
 */
final class OwnCluster implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path root;
    private final int port;
    private final Thread cleanup;

    private OwnCluster(Path root, int port) {
        this.root = root;
        this.port = port;
        this.cleanup = new Thread(this::destroy, "own-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** initdb and start a throwaway cluster (trust authentication) on a free port, with a database {@code db}. */
    static OwnCluster start(String db) {
        Path root;
        try {
            root = Files.createTempDirectory(Path.of("/tmp"), "embapi-fault-pg-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        OwnCluster cluster = new OwnCluster(root, freePort());
        try {
            cluster.startServer();
            try (Connection admin = DriverManager.getConnection(cluster.jdbcUrl("postgres"), "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + db);
            }
            try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(db), "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            }
        } catch (RuntimeException | SQLException e) {
            cluster.close();
            throw new IllegalStateException("cannot provision a cluster of the test's own", e);
        }
        return cluster;
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** Starts the (stopped) server again on the same port and data directory. */
    void startServer() {
        // A small cluster: the default of ops/lib/postgres.sh is sized for benchmarks.
        bash("EMBAPI_PG_EXTRA_CONF=$'shared_buffers = 128MB\\nmax_connections = 100' "
                + "pg_start_cluster '" + root + "' " + port + " trust");
    }

    /** {@code pg_ctl stop -m mode} ({@code fast}: sessions terminated; {@code immediate}: no shutdown checkpoint). */
    void stopServer(String mode) {
        if (!mode.equals("fast") && !mode.equals("immediate")) {
            throw new IllegalArgumentException(mode);
        }
        bash("runuser -u postgres -- \"$PG_BINDIR/pg_ctl\" -D '" + root + "/data' -m " + mode + " -w -t 60 stop");
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private void destroy() {
        try {
            bash("pg_stop_cluster '" + root + "' || runuser -u postgres -- \"$PG_BINDIR/pg_ctl\" -D '" + root
                    + "/data' -m immediate -w stop; rm -rf '" + root + "'");
        } catch (RuntimeException e) {
            System.err.println("could not remove the cluster in " + root + ": " + e.getMessage());
        }
    }

    private static void bash(String script) {
        Path lib = repositoryRoot().resolve("ops/lib/postgres.sh");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c",
                "set -e; source '" + lib + "'; " + script)).redirectErrorStream(true);
        try {
            Process process = builder.start();
            boolean done = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + script + "\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + script + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The checkout's root: the first parent of the working directory (Maven runs tests in {@code app/}) with ops/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ops/lib/postgres.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("ops/lib/postgres.sh not found above " + Path.of("").toAbsolutePath());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
