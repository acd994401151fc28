package io.embapi.platform.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a configured secret ({@code SERVICE_ADMINKEY}, {@code ENCRYPTION_KEY} and their previous values) is strong
 * enough to run with. Used at start-up ({@link StartupChecks}) and by the deployment doctor. A key made by
 * {@code openssl rand -hex 32} always passes; what fails is what people type by hand: short keys, one character
 * repeated, a short pattern repeated, placeholders.
 */
public final class KeyStrength {

    public static final int MIN_LENGTH = 32;
    /** A random 32-character key has far more distinct characters; eight or fewer means a pattern or a word. */
    private static final int MIN_DISTINCT = 9;
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "password", "secret",
            "example", "adminkey", "admin-key", "admin_key", "replaceme", "your-key", "yourkey", "default");

    private KeyStrength() {
    }

    /** Why {@code key} is weak, or empty when it is fine. Never includes the key. */
    public static Optional<String> weakness(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of("it is empty");
        }
        if (key.length() < MIN_LENGTH) {
            return Optional.of("it has " + key.length() + " characters, fewer than " + MIN_LENGTH);
        }
        if (key.chars().distinct().count() < MIN_DISTINCT) {
            return Optional.of("it uses fewer than " + MIN_DISTINCT + " different characters");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String placeholder : PLACEHOLDERS) {
            if (lower.replace(placeholder, "").length() < MIN_LENGTH / 2) {
                return Optional.of("it is mostly the placeholder word '" + placeholder + "'");
            }
        }
        if (repeatsShortUnit(key)) {
            return Optional.of("it repeats a short pattern");
        }
        return Optional.empty();
    }

    /** Whether the key is a unit of at most a quarter of its length, repeated. */
    private static boolean repeatsShortUnit(String key) {
        for (int unit = 1; unit <= key.length() / 4; unit++) {
            boolean repeats = true;
            for (int i = unit; i < key.length() && repeats; i++) {
                repeats = key.charAt(i) == key.charAt(i - unit);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }
}
