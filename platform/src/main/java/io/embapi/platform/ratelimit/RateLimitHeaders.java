package io.embapi.platform.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;

/**
 * The IETF rate-limit header fields (draft-ietf-httpapi-ratelimit-headers, the widely deployed
 * {@code RateLimit-Limit/-Remaining/-Reset} form) and {@code Retry-After}, all in whole seconds rounded up.
 */
final class RateLimitHeaders {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private RateLimitHeaders() {
    }

    /** Sets the three rate-limit fields; {@code RateLimit-Reset} is when the bucket is full again. */
    static void write(HttpServletResponse response, RateLimiter.Decision decision) {
        response.setHeader(LIMIT, Long.toString(decision.limit()));
        response.setHeader(REMAINING, Long.toString(decision.remaining()));
        response.setHeader(RESET, Long.toString(seconds(decision.untilFull(), 0)));
    }

    /** {@code Retry-After}: at least one second, so that a client never retries in a busy loop. */
    static long retryAfter(HttpServletResponse response, Duration wait) {
        long seconds = seconds(wait, 1);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return seconds;
    }

    private static long seconds(Duration duration, long atLeast) {
        long nanos = duration.toNanos();
        long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
        return Math.max(atLeast, seconds);
    }
}
