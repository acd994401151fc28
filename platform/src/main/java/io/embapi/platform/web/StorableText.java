package io.embapi.platform.web;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Text and numbers the database can store unchanged. PostgreSQL's {@code text} and {@code jsonb} cannot hold U+0000 (the
 * statement fails), and an unpaired UTF-16 surrogate (a JSON escape such as {@code "\ud800"}) has no UTF-8 form,
 * so the driver would store {@code ?} in its place. Both are refused at the edge with 400 and the place they were
 * found, instead of a 500 from SQL or a silently changed id. So is a JSON number beyond the range of a double
 * ({@code 1e400}): it would be read as infinity and stored as the string {@code "Infinity"} (ADR 0020).
 */
public final class StorableText {

    private StorableText() {
    }

    /** What is wrong with {@code text}, if anything. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses (400) a JSON document with such text in any string or property name, or with a number beyond the
     * range of a double; {@code location} names the place.
     */
    public static void require(JsonNode node, String location) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw ApiException.badRequest(location + " is a number beyond the range of a double, which cannot be "
                    + "stored");
        }
        if (node.isString()) {
            require(node.stringValue(), location);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                require(node.get(i), location + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                require(property.getKey(), location + " (a property name)");
                require(property.getValue(), location + "." + property.getKey());
            }
        }
    }

    /** Refuses (400) a single value with such text. */
    public static void require(String text, String location) {
        problem(text).ifPresent(problem -> {
            throw ApiException.badRequest(location + " contains " + problem + ", which cannot be stored");
        });
    }
}
