package io.embapi.bench.versus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service under test, started by the harness as its own child ({@code java @jvm.options -jar embapi.jar}) so that
 * its peak resident memory can be read from {@code /proc/<pid>/status} ({@code VmHWM}: the high-water mark of the
 * resident set since the process started, kept by the kernel, so no sampling can miss a peak). Fresh random admin
 * and encryption keys per start; they go to the child's environment only, never to the log or the report.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final String adminKey;
    private final Path log;

    private ServiceProcess(Process process, String url, String adminKey, Path log) {
        this.process = process;
        this.url = url;
        this.adminKey = adminKey;
        this.log = log;
    }

    /**
     * @param jar        the service jar
     * @param jvmOptions a java {@code @argfile}, or null for the JVM's defaults
     * @param database   where the service stores everything
     * @param extraEnv   more environment for the service ({@code --service-env})
     */
    static ServiceProcess start(Path jar, Path jvmOptions, JdbcTarget database, Map<String, String> extraEnv,
                                Path log, Duration startTimeout) throws IOException, InterruptedException {
        int port = freePort();
        String adminKey = randomHex(32);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions != null) {
            command.add("@" + jvmOptions.toAbsolutePath());
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVICE_HOST", "127.0.0.1");
        env.put("SERVICE_PORT", String.valueOf(port));
        env.put("SERVICE_DBHOST", database.host());
        env.put("SERVICE_DBPORT", String.valueOf(database.port()));
        env.put("SERVICE_DBNAME", database.database());
        env.put("SERVICE_DBUSER", database.user());
        env.put("SERVICE_DBPASSWORD", database.password().isEmpty() ? "unused" : database.password());
        env.put("SERVICE_ADMINKEY", adminKey);
        env.put("ENCRYPTION_KEY", randomHex(32));
        // The management port (actuator) moves off the API port; a fixed default would collide between runs.
        env.put("EMBAPI_MANAGEMENT_PORT", String.valueOf(freePort()));
        // The harness measures the service, not its per-credential limits (ADR 0013); --service-env may turn them on.
        env.put("EMBAPI_RATELIMIT_ENABLED", "false");
        env.putAll(extraEnv);
        ServiceProcess service = new ServiceProcess(builder.start(), "http://127.0.0.1:" + port, adminKey, log);
        service.awaitUp(startTimeout);
        return service;
    }

    String url() {
        return url;
    }

    String adminKey() {
        return adminKey;
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size since start, in bytes ({@code VmHWM}). */
    long peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    /** Current resident set size, in bytes ({@code VmRSS}). */
    long rssBytes() {
        return statusBytes("VmRSS:");
    }

    private long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void awaitUp(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + " while starting; "
                        + "last lines of " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // polling a starting process; not an assertion
        }
        close();
        throw new IllegalStateException("the service did not answer within " + timeout + "; last lines of " + log
                + ":\n" + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
