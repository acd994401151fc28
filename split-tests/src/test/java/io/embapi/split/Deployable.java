package io.embapi.split;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One embapi JVM started with {@code java -jar} from a packaged jar, on free ports of its own (API and management),
 * its output in {@code target/split-logs}. {@link #kill()} is SIGKILL; every instance is also killed when the test
 * JVM exits, so a failing test never leaves processes behind.
 */
final class Deployable {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<Deployable> STARTED = new ArrayList<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern EVENTS = Pattern.compile(
            "^embapi_processor_events_total\\{[^}]*processor=\"([^\"]+)\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Deployable::killAll));
    }

    final String name;
    final int port;
    final int managementPort;
    private final Process process;

    private Deployable(String name, int port, int managementPort, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts {@code jar} (relative to the repository) against {@code database}; returns at once. */
    static Deployable start(String name, String jar, Map<String, String> database, Map<String, String> extraEnv)
            throws IOException {
        int port = freePort();
        int management = freePort();
        Path logs = REPO.resolve("split-tests/target/split-logs");
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", REPO.resolve(jar).toString(),
                "--management.server.port=" + management, "--management.server.address=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(database);
        env.put("SERVICE_HOST", "127.0.0.1");
        env.put("SERVICE_PORT", Integer.toString(port));
        env.put("SERVICE_ADMINKEY", SplitDeploymentTest.ADMIN_KEY);
        env.put("ENCRYPTION_KEY", SplitDeploymentTest.ENCRYPTION_KEY);
        // The scenario compares answers and counts events; per-credential limits (ADR 0013) would only add 429s.
        env.put("EMBAPI_RATELIMIT_ENABLED", "false");
        env.putAll(extraEnv);
        Deployable deployable = new Deployable(name, port, management, builder.start());
        synchronized (STARTED) {
            STARTED.add(deployable);
        }
        return deployable;
    }

    /** Whether it is ready for traffic (readiness probe on the management port: seeds done). */
    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
        }
        try {
            return call("GET", "/actuator/health/readiness", true).statusCode() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** The Axon node id, as the token store writes it into {@code tokenentry.owner}. */
    String nodeIdPrefix() {
        return process.pid() + "@";
    }

    /** {@code embapi.processor.events} of this JVM, by processor. */
    Map<String, Long> processedEvents() {
        String body = call("GET", "/actuator/prometheus", true).body();
        Map<String, Long> counts = new HashMap<>();
        Matcher matcher = EVENTS.matcher(body);
        while (matcher.find()) {
            counts.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
        }
        return counts;
    }

    private HttpResponse<String> call(String method, String path, boolean management) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + (management ? managementPort : port) + path))
                            .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, no shutdown hooks: the JVM's claims stay in tokenentry until they expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    static void killAll() {
        synchronized (STARTED) {
            for (Deployable deployable : STARTED) {
                deployable.process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ", port " + port + ")";
    }
}
