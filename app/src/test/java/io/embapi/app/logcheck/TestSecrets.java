package io.embapi.app.logcheck;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret the tests of this JVM made, sent or received: the configured admin and master keys, every bearer
 * token sent, every user and auditor key an answer handed out, every provider {@code api_key} sent.
 * {@link LogLeakCheck} looks for each of them in everything this JVM printed.
 */
public final class TestSecrets {

    /** Shorter strings would match ordinary words; every real key is far longer. */
    static final int MIN_LENGTH = 8;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern SENT_KEY = Pattern.compile("\"api_key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ISSUED_KEY = Pattern.compile("\"(?:embapi_key|auditor_key)\"\\s*:\\s*\"([^\"]+)\"");

    private TestSecrets() {
    }

    public static void record(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !secret.contains(" ")) {
            SECRETS.add(secret);
        }
    }

    /** Records the token of an {@code Authorization} header value. */
    public static void recordAuthorization(String header) {
        record(header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : header);
    }

    /** Records the bearer token and the provider keys of a request body. */
    public static void recordRequest(String token, String body) {
        record(token);
        collect(SENT_KEY, body);
    }

    /**
     * Records the keys an answer hands out. Only answers to writes: a GET shows the stored hash under
     * {@code embapi_key}, which is not a secret.
     */
    public static void recordResponse(String method, String body) {
        if (!"GET".equals(method)) {
            collect(ISSUED_KEY, body);
        }
    }

    static Set<String> all() {
        return Set.copyOf(SECRETS);
    }

    private static void collect(Pattern pattern, String text) {
        if (text == null) {
            return;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            record(matcher.group(1));
        }
    }
}
