package io.embapi.shared.embedding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Text ids are looked up as the reference does: the decoded path value, escaped again with Go's
 * {@code url.QueryEscape}. Clients store URL ids escaped (e.g. {@code https%3A%2F%2Fexample.org%2Fa}), so a GET of
 * {@code /…/https%3A%2F%2Fexample.org%2Fa} finds them.
 */
public final class TextIds {

    private TextIds() {
    }

    /**
     * Go's {@code url.QueryEscape}: UTF-8 bytes, everything but {@code A-Z a-z 0-9 - _ . ~} percent-encoded with
     * upper-case hex, space as {@code +}. Java's {@link URLEncoder} differs only in leaving {@code *} alone and
     * encoding {@code ~}.
     */
    public static String queryEscape(String decodedPathValue) {
        return URLEncoder.encode(decodedPathValue, StandardCharsets.UTF_8)
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
