package io.embapi.app.faults;

import io.embapi.app.EmbapiApplication;
import io.embapi.app.logcheck.TestSecrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service as a child JVM (main class {@link EmbapiApplication}, the test JVM's class path), so that a test
 * can kill it the hard way: {@link #kill()} is {@code Process.destroyForcibly()}, a SIGKILL on Linux — no shutdown
 * hook, no graceful stop, in-flight transactions cut off. Its output goes to a log file that a failure shows.
 */
final class ChildService implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread cleanup;

    private ChildService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.cleanup = new Thread(process::destroyForcibly, "child-service-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts the service on a free port against {@code jdbcUrl} and waits until it answers. */
    static ChildService start(String jdbcUrl, String user, String password, String adminKey, String encryptionKey,
                              Map<String, String> extraEnvironment) throws IOException {
        int port = OwnCluster.freePort();
        Path log = Files.createTempFile("embapi-child-", ".log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-cp", classPath, EmbapiApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVICE_HOST", "127.0.0.1");
        env.put("SERVICE_PORT", Integer.toString(port));
        // Keys through the environment, never on a command line a process list shows.
        env.put("SERVICE_ADMINKEY", adminKey);
        env.put("ENCRYPTION_KEY", encryptionKey);
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", user);
        env.put("SPRING_DATASOURCE_PASSWORD", password);
        // The actuator's own port (once it has one) must not collide with another service on this machine.
        String management = Integer.toString(OwnCluster.freePort());
        env.put("EMBAPI_MANAGEMENT_PORT", management);
        // The drill measures durability under load, not the per-credential limits (ADR 0013).
        env.put("EMBAPI_RATELIMIT_ENABLED", "false");
        env.putAll(extraEnvironment);
        TestSecrets.record(adminKey);
        TestSecrets.record(encryptionKey);
        ChildService child = new ChildService(builder.start(), port, log);
        try {
            child.awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The child's log (start-up and everything after), for failure messages. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not listening yet
            } catch (IOException e) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the service did not answer within " + timeout + ":\n" + tail());
    }

    private String tail() {
        String text = logText();
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
