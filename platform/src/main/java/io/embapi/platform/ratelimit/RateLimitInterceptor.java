package io.embapi.platform.ratelimit;

import io.embapi.platform.security.Caller;
import io.embapi.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The per-credential limits. Runs after authentication, so the bucket is the caller's: a user's handle, the admin,
 * an auditor's handle, or — for anonymous calls and public reads — the client address. Every limited answer, 2xx
 * or 429, carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}; a 429 also
 * {@code Retry-After} and a problem body. Routes of other libraries (OpenAPI, Swagger UI) are not limited.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

    static final String EXCEEDED = "rate limit of the %s requests of this credential exceeded; retry in %d s";

    private final RateLimiter limiter;
    private final ClientAddresses addresses;

    RateLimitInterceptor(RateLimiter limiter, ClientAddresses addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limiter.enabled() || !isOurs(handler)
                || !(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller)) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String matched ? matched : request.getRequestURI();
        EndpointClass endpointClass = EndpointClass.of(request.getMethod(), route);
        RateLimiter.Decision decision = limiter.consume(credential(caller, request), endpointClass);
        if (decision == null) {
            return true;
        }
        RateLimitHeaders.write(response, decision);
        if (!decision.allowed()) {
            long seconds = RateLimitHeaders.retryAfter(response, decision.retryAfter());
            throw ApiException.tooManyRequests(EXCEEDED.formatted(endpointClass.tag(), seconds));
        }
        return true;
    }

    /** The bucket owner: never the key itself (buckets are in memory, but keys stay out of everything). */
    private String credential(Caller caller, HttpServletRequest request) {
        return switch (caller.kind()) {
            case ADMIN -> "admin";
            case AUDITOR -> "auditor:" + caller.handle();
            case USER -> "user:" + caller.handle();
            case PUBLIC, ANONYMOUS -> "address:" + addresses.of(request);
        };
    }

    static boolean isOurs(Object handler) {
        return handler instanceof HandlerMethod method && method.getBeanType().getName().startsWith("io.embapi.");
    }
}
