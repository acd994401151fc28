package io.embapi.platform.logging;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against secrets in logs: every formatted log line (plain text or JSON, message, context
 * and stack trace alike) passes through {@link #redact(String)} before it is written. The code above it already
 * never logs a key; this catches what a library (Spring's request logging at debug, Axon's command and event
 * logging, a JDBC error message) or a future mistake would let through.
 *
 * <p>What it removes: the value after {@code Bearer} and after an {@code Authorization} header name; values of
 * fields named like keys ({@code api_key}, {@code embapi_key}, {@code auditor_key}, {@code admin_key},
 * {@code encryption_key}, {@code password}, {@code secret}) in JSON, {@code key=value} and {@code key: value}
 * form; every run of exactly 64 lowercase hex characters (the form of every issued user and auditor key, so those
 * are caught without being known; SHA-256 hashes look the same and are masked too, which costs nothing); and the
 * configured secrets themselves (the admin keys and master keys, registered at start-up by {@link #protect}).
 *
 * <p>Static on purpose: Logback creates the encoder before any Spring bean exists.
 */
public final class LogRedactor {

    public static final String MASK = "[REDACTED]";

    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();
    /** Secrets shorter than this are not matched literally (they would mask ordinary words). */
    private static final int MIN_LITERAL = 8;

    private static final String VALUE = "[^\\s\"',;}\\]]+";
    /** Each rule runs only on lines that contain one of its trigger words (lower case), or a 64-hex run. */
    private static final List<Rule> RULES = List.of(
            new Rule(List.of("authorization"),
                    Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?)(bearer\\s+)?" + VALUE), "$1" + MASK),
            new Rule(List.of("bearer"), Pattern.compile("(?i)(bearer\\s+)(?!\\[REDACTED])" + VALUE), "$1" + MASK),
            new Rule(List.of("key", "password", "secret"), Pattern.compile("(?i)((?<![A-Za-z0-9_])\"?(?:api[_-]?key|embapi_key|auditor_key|admin[_-]?key"
                    + "|adminkey|encryption[_-]?key(?:[_-]?previous)?|password|secret)\"?\\s*[:=]\\s*\"?)"
                    + "(?!\\[REDACTED]|\\*\\*\\*)" + VALUE), "$1" + MASK),
            new Rule(List.of(), Pattern.compile("(?<![0-9A-Fa-f])[0-9a-f]{64}(?![0-9A-Fa-f])"), MASK));

    private LogRedactor() {
    }

    /** Masks {@code secret} literally in every later log line (the configured admin and master keys). */
    public static void protect(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL) {
            SECRETS.add(secret);
        }
    }

    /** The line with every secret it holds replaced by {@value #MASK}. */
    public static String redact(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String result = line;
        for (String secret : SECRETS) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        String lower = result.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.triggers().isEmpty() ? !hasHexRun(result) : rule.triggers().stream().noneMatch(lower::contains)) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(rule.replacement());
            }
        }
        return result;
    }

    /** Whether the line has a run of 64 or more hex digits (cheap pre-check before the regular expression). */
    private static boolean hasHexRun(String line) {
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            run = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ? run + 1 : 0;
            if (run >= 64) {
                return true;
            }
        }
        return false;
    }

    private record Rule(List<String> triggers, Pattern pattern, String replacement) {
    }
}
