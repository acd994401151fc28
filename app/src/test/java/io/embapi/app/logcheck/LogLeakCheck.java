package io.embapi.app.logcheck;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The masking test across a whole test run (issue #8): from the first test of this JVM to the last, everything it
 * prints (every log line of every Spring context, Axon, Tomcat and the tests themselves; Logback's console appender
 * writes through {@code System.out}) is copied to {@code target/test-logs/jvm-<pid>.log}. When the launcher session
 * closes, after every test class, each secret in {@link TestSecrets} is searched in that file; every hit is
 * written to {@code target/test-logs/leaks-<pid>.txt} (line number and a masked form, never the secret) and the
 * marker {@value #MARKER} is created, which fails the build in the {@code verify} phase (maven-enforcer
 * {@code requireFilesDontExist} in {@code app/pom.xml}).
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class LogLeakCheck implements LauncherSessionListener {

    static final String MARKER = "LEAKED";
    private static final Path DIRECTORY = Path.of("target", "test-logs");

    private PrintStream originalOut;
    private PrintStream originalErr;
    private OutputStream file;
    private Path log;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.deleteIfExists(DIRECTORY.resolve(MARKER));
            log = DIRECTORY.resolve("jvm-" + ProcessHandle.current().pid() + ".log");
            file = new BufferedOutputStream(new FileOutputStream(log.toFile(), false), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot capture the test logs", e);
        }
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, file), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, file), true, StandardCharsets.UTF_8));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (file == null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        try {
            synchronized (file) {
                file.close();
            }
            List<String> findings = scan(Files.readAllLines(log, StandardCharsets.UTF_8), TestSecrets.all());
            Path report = DIRECTORY.resolve("leaks-" + ProcessHandle.current().pid() + ".txt");
            if (findings.isEmpty()) {
                Files.deleteIfExists(report);
                originalOut.println("[log-leak-check] " + TestSecrets.all().size() + " secrets, none in " + log);
            } else {
                Files.write(report, findings, StandardCharsets.UTF_8);
                Files.writeString(DIRECTORY.resolve(MARKER), report + "\n", StandardCharsets.UTF_8);
                originalErr.println("[log-leak-check] SECRETS IN THE LOGS: " + findings.size() + " finding(s), see "
                        + report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the test logs", e);
        }
    }

    /** One finding per (line, secret): the line number and the secret's masked form. */
    static List<String> scan(List<String> lines, Iterable<String> secrets) {
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String secret : secrets) {
                if (lines.get(i).contains(secret)) {
                    findings.add("line " + (i + 1) + ": secret " + masked(secret) + " in the captured output");
                }
            }
        }
        return findings;
    }

    static String masked(String secret) {
        return secret.substring(0, 3) + "…(" + secret.length() + " characters)";
    }

    /** Writes to the console and to the capture file. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            synchronized (copy) {
                copy.flush();
            }
        }
    }
}
