package io.embapi.app.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ops/doctor}: the deployment self-check. Checks what only the host can tell ({@code .env} mode 600 and not
 * tracked by git), then asks the running service for its own checks ({@code GET /v1/admin/doctor}: keys, debug,
 * database role, TLS, process user, backups) and prints all of them, one line each, with the fix for every warning
 * and failure. The service URL and the admin key come from the environment ({@code EMBAPI_URL},
 * {@code SERVICE_ADMINKEY}; {@code ops/doctor} reads {@code .env}), never from the command line.
 *
 * <p>Exit codes: 0 every check passed or warned, 1 at least one failed (an unreachable service is a failure),
 * 2 usage.
 */
@Command(name = "ops/doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks this deployment against the pre-deployment checklist.",
                "Environment: EMBAPI_URL (default http://localhost:8880), SERVICE_ADMINKEY (required)."},
        exitCodeOnInvalidInput = 2)
public final class DoctorCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    @Option(names = "--env-file", paramLabel = "FILE", description = "The settings file to check (default: .env).")
    private Path envFile = Path.of(".env");

    @Option(names = "--host-only", description = "Only the host checks; do not ask the service.")
    private boolean hostOnly;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    DoctorCommand(Map<String, String> environment, PrintWriter out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(System.getenv(), out, args));
    }

    /** Runs the command with this environment and output; answers the exit code. */
    public static int run(Map<String, String> environment, PrintWriter out, String... args) {
        CommandLine line = new CommandLine(new DoctorCommand(environment, out));
        line.setOut(out);
        line.setErr(out);
        return line.execute(args);
    }

    /** One printed check: pass, warn or fail, with the fix. */
    record Check(String status, String name, String detail, String fix) {
    }

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>(hostChecks());
        if (!hostOnly) {
            String key = environment.get("SERVICE_ADMINKEY");
            if (key == null || key.isBlank()) {
                out.println("SERVICE_ADMINKEY is not set (ops/doctor reads it from .env when it exists)");
                return 2;
            }
            checks.addAll(serviceChecks(environment.getOrDefault("EMBAPI_URL", "http://localhost:8880")
                    .replaceAll("/+$", ""), key));
        }
        int failures = 0;
        int warnings = 0;
        for (Check check : checks) {
            out.printf("%-4s  %-20s %s%n", check.status().toUpperCase(), check.name(), check.detail());
            if (!"pass".equals(check.status()) && !check.fix().isBlank()) {
                out.printf("      %-20s fix: %s%n", "", check.fix());
            }
            failures += "fail".equals(check.status()) ? 1 : 0;
            warnings += "warn".equals(check.status()) ? 1 : 0;
        }
        out.printf("%d checks: %d failed, %d warnings%n", checks.size(), failures, warnings);
        return failures > 0 ? 1 : 0;
    }

    private List<Check> hostChecks() {
        List<Check> checks = new ArrayList<>();
        if (!Files.exists(envFile)) {
            checks.add(new Check("warn", "env_file", "no " + envFile + ": settings come from the environment only",
                    "Keep the keys in a .env file of mode 600 (ops/run writes one) or in your secret store."));
            return checks;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(envFile);
            checks.add(OWNER_ONLY.containsAll(mode)
                    ? new Check("pass", "env_file_mode", envFile + " is readable by its owner only", "")
                    : new Check("fail", "env_file_mode", envFile + " is readable by other users ("
                            + java.nio.file.attribute.PosixFilePermissions.toString(mode) + ")",
                            "chmod 600 " + envFile));
        } catch (IOException | UnsupportedOperationException e) {
            checks.add(new Check("warn", "env_file_mode", "the mode of " + envFile + " cannot be read",
                    "Check that only the service's user can read " + envFile + "."));
        }
        checks.add(gitStatus());
        return checks;
    }

    /** Tracked by git is a failure (the keys would be in the history); not ignored is a warning. */
    private Check gitStatus() {
        Path file = envFile.toAbsolutePath().normalize();
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        int inside = git(dir, "rev-parse", "--is-inside-work-tree");
        if (inside != 0) {
            return new Check("pass", "env_file_git", envFile + " is not in a git work tree", "");
        }
        if (git(dir, "ls-files", "--error-unmatch", "--", name) == 0) {
            return new Check("fail", "env_file_git", envFile + " is tracked by git: its keys are in the history",
                    "git rm --cached " + name + ", add it to .gitignore, and rotate every key it held.");
        }
        if (git(dir, "check-ignore", "-q", "--", name) != 0) {
            return new Check("warn", "env_file_git", envFile + " is not ignored by git",
                    "Add a line '" + name + "' to .gitignore.");
        }
        return new Check("pass", "env_file_git", envFile + " is ignored by git and not tracked", "");
    }

    /** The exit code of {@code git args} in {@code dir}; 127 when git cannot run. */
    private static int git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return 127;
            }
            return process.exitValue();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 127;
        }
    }

    private List<Check> serviceChecks(String base, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/admin/doctor"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return List.of(new Check("fail", "service", "no answer from " + base + " (" + e.getClass().getSimpleName()
                    + ")", "Start the service (ops/run) or set EMBAPI_URL to where it listens."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new Check("fail", "service", "interrupted", ""));
        }
        if (response.statusCode() != 200) {
            return List.of(new Check("fail", "service", base + "/v1/admin/doctor answered " + response.statusCode(),
                    response.statusCode() == 401 ? "Use the service's SERVICE_ADMINKEY." : "Check the service log."));
        }
        List<Check> checks = new ArrayList<>();
        for (JsonNode check : JSON.readTree(response.body()).get("checks")) {
            checks.add(new Check(check.get("status").stringValue(), check.get("name").stringValue(),
                    check.get("detail").stringValue(), check.get("fix").stringValue()));
        }
        return checks;
    }
}
