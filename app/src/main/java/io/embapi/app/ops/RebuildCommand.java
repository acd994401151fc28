package io.embapi.app.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ops/rebuild}: asks a running service to rebuild one, several or all projections
 * ({@code POST /v1/admin/processors[/{name}]/rebuild}) and follows {@code GET /v1/admin/processors} with a progress
 * bar and an ETA until every replay has reached the head it started against. The service URL and the admin key come
 * from the environment ({@code EMBAPI_URL}, {@code SERVICE_ADMINKEY}), never from the command line, where other
 * users could read them.
 *
 * <p>Exit codes: 0 done, 1 refused or failed request, 2 usage, 3 timed out.
 */
@Command(name = "ops/rebuild", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuilds read models over the admin API and shows the progress.",
                "Environment: EMBAPI_URL (default http://localhost:8880), SERVICE_ADMINKEY (required)."},
        exitCodeOnInvalidInput = 2)
public final class RebuildCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(paramLabel = "PROCESSOR", arity = "0..*", description = "Processors to rebuild (e.g. user-view).")
    private List<String> processors = new ArrayList<>();

    @Option(names = "--all", description = "Rebuild every rebuildable processor.")
    private boolean all;

    @Option(names = "--status", description = "Only print the processors' state and exit.")
    private boolean statusOnly;

    @Option(names = "--no-wait", description = "Start the rebuild and exit without following it.")
    private boolean noWait;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Poll interval (default: ${DEFAULT-VALUE}).")
    private long intervalMillis;

    @Option(names = "--timeout-s", defaultValue = "86400", description = "Give up after (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final boolean interactive;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    RebuildCommand(Map<String, String> environment, PrintWriter out, boolean interactive) {
        this.environment = environment;
        this.out = out;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(System.getenv(), out, System.console() != null, args));
    }

    /** Runs the command with this environment and output; answers the exit code. */
    static int run(Map<String, String> environment, PrintWriter out, boolean interactive, String... args) {
        CommandLine line = new CommandLine(new RebuildCommand(environment, out, interactive));
        line.setOut(out);
        line.setErr(out);
        return line.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        String key = environment.get("SERVICE_ADMINKEY");
        if (key == null || key.isBlank()) {
            out.println("SERVICE_ADMINKEY is not set (ops/rebuild reads it from .env when it exists)");
            return 2;
        }
        String base = environment.getOrDefault("EMBAPI_URL", "http://localhost:8880").replaceAll("/+$", "");
        if (statusOnly) {
            Answer answer = send(base, key, "GET", "/v1/admin/processors");
            if (answer.status() != 200) {
                return failed(answer);
            }
            printStatus(answer.json());
            return 0;
        }
        if (all == !processors.isEmpty()) {
            out.println("name one or more processors, or --all (see --help)");
            return 2;
        }
        long started = System.nanoTime();
        RebuildProgress progress = new RebuildProgress(started);
        Set<String> targets = new LinkedHashSet<>();
        List<String> paths = all ? List.of("/v1/admin/processors/rebuild")
                : processors.stream().map(p -> "/v1/admin/processors/" + encode(p) + "/rebuild").toList();
        for (String path : paths) {
            Answer answer = send(base, key, "POST", path);
            if (answer.status() != 202) {
                return failed(answer);
            }
            JsonNode body = answer.json();
            for (JsonNode processor : body.has("processors") ? body.get("processors") : List.of(body)) {
                targets.add(processor.get("name").stringValue());
                record(progress, processor);
            }
        }
        out.println("rebuilding " + String.join(", ", targets));
        if (noWait) {
            return 0;
        }
        long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
        long lastPrinted = 0;
        while (true) {
            Answer answer = send(base, key, "GET", "/v1/admin/processors");
            if (answer.status() != 200) {
                return failed(answer);
            }
            for (JsonNode processor : answer.json().get("processors")) {
                if (targets.contains(processor.get("name").stringValue())) {
                    record(progress, processor);
                }
            }
            long now = System.nanoTime();
            boolean done = progress.done();
            if (interactive) {
                out.print("\r" + progress.render(now));
                out.flush();
            } else if (done || now - lastPrinted >= Duration.ofSeconds(5).toNanos()) {
                out.println(progress.render(now));
                lastPrinted = now;
            }
            if (done) {
                break;
            }
            if (now > deadline) {
                out.println();
                out.println("timed out after " + timeoutSeconds + " s; the rebuild goes on in the service");
                return 3;
            }
            Thread.sleep(intervalMillis);
        }
        if (interactive) {
            out.println();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("done: %d processor(s), %d events in %.1f s%n", targets.size(), progress.total(), seconds);
        return 0;
    }

    /**
     * A processor is done when it runs with its segments claimed, its replay has reached the head it started
     * against and it is not failing; until then its position counts.
     */
    private static void record(RebuildProgress progress, JsonNode processor) {
        long position = processor.get("position").isNull() ? -1 : processor.get("position").longValue();
        Long target = null;
        for (JsonNode segment : processor.get("segments")) {
            JsonNode reset = segment.get("reset_position");
            if (reset != null && !reset.isNull()) {
                target = target == null ? reset.longValue() : Math.max(target, reset.longValue());
            }
        }
        boolean done = !processor.get("replaying").booleanValue() && !processor.get("error").booleanValue()
                && processor.get("running").booleanValue() && !processor.get("segments").isEmpty();
        progress.update(processor.get("name").stringValue(), position, target, done);
    }

    private void printStatus(JsonNode body) {
        out.printf("head %d%n", body.get("head").longValue());
        out.printf("%-24s %-11s %-8s %-9s %10s %8s %8s %s%n", "PROCESSOR", "KIND", "RUNNING", "REPLAYING",
                "POSITION", "LAG", "DEAD", "NOTE");
        for (JsonNode p : body.get("processors")) {
            out.printf("%-24s %-11s %-8s %-9s %10s %8d %8s %s%n", p.get("name").stringValue(),
                    p.get("kind").stringValue(), p.get("running").booleanValue(), p.get("replaying").booleanValue(),
                    p.get("position").isNull() ? "-" : p.get("position").asString(), p.get("lag").longValue(),
                    p.get("dead_letters").isNull() ? "-" : p.get("dead_letters").asString(),
                    p.get("error").booleanValue() ? "ERROR" : p.get("rebuildable").booleanValue() ? "" : "not rebuildable");
        }
    }

    private int failed(Answer answer) {
        String detail = answer.body();
        try {
            JsonNode problem = answer.json();
            if (problem.has("detail")) {
                detail = problem.get("detail").stringValue();
            }
        } catch (RuntimeException notJson) {
            // the raw body is the best we have
        }
        out.println("the service answered " + answer.status() + ": " + detail);
        return 1;
    }

    private Answer send(String base, String key, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
