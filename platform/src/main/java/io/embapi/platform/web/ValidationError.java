package io.embapi.platform.web;

/**
 * One request-validation failure, in the reference's (Huma's) shape.
 *
 * @param message  what is wrong, e.g. {@code expected required property email to be present}
 * @param location where, e.g. {@code body}, {@code body.foo}, {@code path.user_handle}, {@code query.limit}
 * @param value    the offending value (for missing or unexpected properties: the enclosing object)
 */
public record ValidationError(String message, String location, Object value) {
}
