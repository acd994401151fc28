package io.embapi.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump} and {@code pg_restore} for tests, as an operator runs them: custom format, the client tools of
 * PostgreSQL 15 (on the PATH, or under {@code /usr/lib/postgresql/15/bin}, or where {@code PG_BIN} says).
 */
public final class PostgresDumps {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private PostgresDumps() {
    }

    /** Dumps the database of {@code jdbcUrl} into {@code file} ({@code pg_dump -Fc}). */
    public static void dump(String jdbcUrl, String user, String password, Path file) {
        Matcher url = parse(jdbcUrl);
        run(password, List.of(binary("pg_dump"), "-h", url.group(1), "-p", port(url), "-U", user, "-Fc",
                "-f", file.toString(), url.group(3)));
    }

    /** Restores {@code file} into the existing, empty database of {@code jdbcUrl} ({@code pg_restore}). */
    public static void restore(Path file, String jdbcUrl, String user, String password) {
        Matcher url = parse(jdbcUrl);
        run(password, List.of(binary("pg_restore"), "-h", url.group(1), "-p", port(url), "-U", user,
                "--exit-on-error", "--no-owner", "-d", url.group(3), file.toString()));
    }

    /** Where a PostgreSQL client tool is. */
    public static String binary(String tool) {
        String configured = System.getenv("PG_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured, tool));
        }
        candidates.add(Path.of("/usr/lib/postgresql/15/bin", tool));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, tool));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(tool + " not found (set PG_BIN)"));
    }

    private static void run(String password, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password == null ? "" : password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Matcher parse(String jdbcUrl) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return matcher;
    }

    private static String port(Matcher url) {
        return url.group(2) == null ? "5432" : url.group(2);
    }
}
