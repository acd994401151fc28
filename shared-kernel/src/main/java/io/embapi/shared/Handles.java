package io.embapi.shared;

import java.util.regex.Pattern;

/**
 * The one rule every handle follows (users, projects, LLM definitions and instances, API standards):
 * 3 to 20 characters of {@code [A-Za-z0-9_-]}. Handles appear in URLs and in aggregate identifiers, so the
 * alphabet is deliberately small.
 */
public final class Handles {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 20;
    public static final String PATTERN = "^[A-Za-z0-9_-]+$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Handles() {
    }

    public static boolean isValid(String handle) {
        return handle != null
                && handle.length() >= MIN_LENGTH
                && handle.length() <= MAX_LENGTH
                && COMPILED.matcher(handle).matches();
    }
}
