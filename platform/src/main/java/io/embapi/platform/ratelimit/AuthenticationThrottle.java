package io.embapi.platform.ratelimit;

import io.embapi.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Failed-authentication throttling per client address. Runs before authentication: an address that failed
 * {@code auth-failures.max} times within {@code auth-failures.window} is answered 429 before its key is even looked
 * at, so guessing keys costs one window per {@code max} guesses. Afterwards it counts every 401 of the service in
 * {@code embapi.auth.failures{reason}} ({@code missing_key}: no Authorization header; {@code rejected_key}: a key
 * no declared scheme accepted — an unknown key, or a valid one on a resource it has no rights to, which the
 * reference also answers 401) and, with the limits on, against the address.
 */
@Component
class AuthenticationThrottle implements HandlerInterceptor {

    static final String THROTTLED = "too many failed authentications from this address; retry in %d s";

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Counter missingKey;
    private final Counter rejectedKey;

    AuthenticationThrottle(RateLimiter limiter, ClientAddresses addresses, MeterRegistry meters) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.missingKey = failures(meters, "missing_key");
        this.rejectedKey = failures(meters, "rejected_key");
    }

    private static Counter failures(MeterRegistry meters, String reason) {
        return Counter.builder("embapi.auth.failures")
                .description("requests answered 401, by reason")
                .tag("reason", reason)
                .register(meters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limiter.enabled() || !RateLimitInterceptor.isOurs(handler)) {
            return true;
        }
        Duration wait = limiter.blockedFor(addresses.of(request));
        if (!wait.isZero()) {
            long seconds = RateLimitHeaders.retryAfter(response, wait);
            throw ApiException.tooManyRequests(THROTTLED.formatted(seconds));
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED || !RateLimitInterceptor.isOurs(handler)) {
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        (authorization == null || authorization.isBlank() ? missingKey : rejectedKey).increment();
        if (limiter.enabled()) {
            limiter.failedAuthentication(addresses.of(request));
        }
    }
}
