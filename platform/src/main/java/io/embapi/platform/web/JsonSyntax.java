package io.embapi.platform.web;

import tools.jackson.core.JacksonException;

/**
 * What is wrong with a JSON document, said without the parser's internals: Jackson's messages name its own classes
 * and settings in backticks ({@code `tools.jackson.databind.JsonNode`}, {@code `StreamReadConstraints...`}), which
 * a client must not see and cannot act on.
 */
public final class JsonSyntax {

    private JsonSyntax() {
    }

    public static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "malformed JSON";
        }
        if (message.startsWith("Trailing token")) {
            return "unexpected content after the JSON document";
        }
        if (message.startsWith("Document nesting depth")) {
            return "the document is nested too deeply";
        }
        int internal = message.indexOf('`');
        String plain = internal < 0 ? message : message.substring(0, internal);
        plain = plain.replaceAll("[\\s(:,]+$", "").strip();
        return plain.isEmpty() ? "malformed JSON" : plain;
    }
}
