package io.embapi.platform.ratelimit;

import java.util.Locale;

/**
 * The endpoint classes that have limits of their own, decided from the route and method alone (so that no
 * controller needs to know about rate limits): admin and audit routes, similarity search, embedding uploads, other
 * reads and other writes.
 */
public enum EndpointClass {
    READ,
    WRITE,
    SEARCH,
    ADMIN,
    INGEST;

    /** The class of a request to {@code route} (the matched pattern or path) with {@code method}. */
    public static EndpointClass of(String method, String route) {
        if (route.startsWith("/v1/admin/") || route.startsWith("/v1/audit/")) {
            return ADMIN;
        }
        if (route.startsWith("/v1/similars/")) {
            return SEARCH;
        }
        boolean reading = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (!reading && "POST".equals(method) && route.startsWith("/v1/embeddings/")) {
            return INGEST;
        }
        return reading ? READ : WRITE;
    }

    /** The metric tag and configuration key: {@code read}, {@code write}, … */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
