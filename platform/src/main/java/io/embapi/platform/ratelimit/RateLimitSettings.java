package io.embapi.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Application rate limits ({@code embapi.rate-limit.*}, ADR 0013). On by default; the shared test setup turns them
 * off. Buckets live in this JVM's memory: with several nodes behind a proxy each node enforces its own limits.
 *
 * @param enabled        whether requests are limited at all ({@code EMBAPI_RATELIMIT_ENABLED})
 * @param classes        one token bucket per credential and endpoint class; a class missing here is not limited
 * @param authFailures   how many failed authentications one client address may make before it is refused
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed
 *                       ({@code EMBAPI_TRUSTED_PROXIES}); empty: the TCP peer is always the client
 * @param maxTracked     the most buckets kept per kind (credential buckets, address throttles); the least recently
 *                       used are dropped first, which resets them
 * @param idleExpiry     a bucket unused this long is dropped (a full bucket is the same as a new one)
 */
@ConfigurationProperties("embapi.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Map<EndpointClass, Limit> classes,
        @DefaultValue AuthFailures authFailures,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("100000") int maxTracked,
        @DefaultValue("1h") Duration idleExpiry) {

    /**
     * A token bucket: {@code capacity} requests at once (the burst), refilled continuously by {@code refill} tokens
     * every {@code period}.
     */
    public record Limit(long capacity, long refill, @DefaultValue("1m") Duration period) {

        public Limit {
            if (capacity < 1 || refill < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs capacity >= 1, refill >= 1 and a positive "
                        + "period, got capacity=" + capacity + ", refill=" + refill + ", period=" + period);
            }
        }
    }

    /**
     * @param max    failed authentications an address may make within {@code window}; the next request from it,
     *               whatever its key, is answered 429 until the window lets one more through
     * @param window the window over which failures are counted (refilled continuously)
     */
    public record AuthFailures(@DefaultValue("10") long max, @DefaultValue("1m") Duration window) {
    }

    /** The limit of {@code endpointClass}, or null when that class is not limited. */
    public Limit limitOf(EndpointClass endpointClass) {
        return classes.get(endpointClass);
    }
}
