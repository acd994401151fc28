package io.embapi.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The token buckets (Bucket4j), in this JVM's memory: one per credential and endpoint class, and one per client
 * address counting its failed authentications. Both maps are bounded ({@code max-tracked}, least recently used out)
 * and forget idle buckets ({@code idle-expiry}); a dropped bucket comes back full, which is what an idle one is.
 */
@Component
public class RateLimiter {

    /** The {@code class} tag of requests refused because their address failed authentication too often. */
    static final String AUTH_CLASS = "auth";

    private final RateLimitSettings settings;
    private final Cache<String, Bucket> credentialBuckets;
    private final Cache<String, Bucket> failureBuckets;
    private final Map<EndpointClass, Counter> rejected = new EnumMap<>(EndpointClass.class);
    private final Counter throttled;

    RateLimiter(RateLimitSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.credentialBuckets = cache(settings);
        this.failureBuckets = cache(settings);
        for (EndpointClass endpointClass : EndpointClass.values()) {
            rejected.put(endpointClass, rejectedCounter(meters, endpointClass.tag()));
        }
        this.throttled = rejectedCounter(meters, AUTH_CLASS);
    }

    private static Counter rejectedCounter(MeterRegistry meters, String endpointClass) {
        return Counter.builder("embapi.ratelimit.rejected")
                .description("requests answered 429 by the application rate limits, by endpoint class "
                        + "(auth: the client address failed authentication too often)")
                .tag("class", endpointClass)
                .register(meters);
    }

    private static Cache<String, Bucket> cache(RateLimitSettings settings) {
        return Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterAccess(settings.idleExpiry())
                .build();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** What one request was granted: the bucket's size, what is left, and the waits that go in the headers. */
    public record Decision(boolean allowed, long limit, long remaining, Duration untilFull, Duration retryAfter) {
    }

    /**
     * Takes one token from {@code credential}'s bucket of {@code endpointClass}; null when that class has no limit.
     * A refusal is counted in {@code embapi.ratelimit.rejected{class}}.
     */
    public Decision consume(String credential, EndpointClass endpointClass) {
        RateLimitSettings.Limit limit = settings.limitOf(endpointClass);
        if (limit == null) {
            return null;
        }
        Bucket bucket = credentialBuckets.get(endpointClass.tag() + "|" + credential, key -> bucket(limit.capacity(),
                limit.refill(), limit.period()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            rejected.get(endpointClass).increment();
        }
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForReset()),
                Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
    }

    /**
     * How long {@code address} must still wait because it failed authentication too often; zero when it may try.
     * A refusal is counted in {@code embapi.ratelimit.rejected{class="auth"}}.
     */
    public Duration blockedFor(String address) {
        Bucket bucket = failureBuckets.getIfPresent(address);
        if (bucket == null) {
            return Duration.ZERO;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return Duration.ZERO;
        }
        throttled.increment();
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Records one failed authentication of {@code address}. */
    public void failedAuthentication(String address) {
        RateLimitSettings.AuthFailures failures = settings.authFailures();
        failureBuckets.get(address, key -> bucket(failures.max(), failures.max(), failures.window()))
                .tryConsume(1);
    }

    private static Bucket bucket(long capacity, long refill, Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
                .build();
    }
}
