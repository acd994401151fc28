package io.embapi.platform.security;

import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.PathValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before any argument is read, so authentication always precedes validation (401 beats 422). Then checks the
 * handles in the path. Operations of the service without an access declaration are refused: fail closed.
 *
 * <p>Auditor keys are read-only, decided here for every operation at once (ADR 0010): an auditor key on any method
 * but GET/HEAD is refused with 403 before anything else happens; on a GET the auditor is accepted where the
 * operation declares {@link Scheme#AUDITOR}, and implicitly wherever the admin may read, except the operational
 * routes under {@code /v1/admin/} (one of which, the reset, is a GET that changes everything). An auditor key on a
 * GET it may not read is 403 too, never 401: the key is valid, the operation is not for it.
 */
@Component
public class AuthenticationInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");
    private static final String OPERATIONAL_ROUTES = "/v1/admin/";
    static final String AUDITOR_WRITE_REFUSED = "auditor keys are read-only: %s requests are refused";
    static final String AUDITOR_READ_REFUSED = "auditor keys cannot use this operation";

    private final AuthenticationPipeline pipeline;
    private final AuditorAuthenticator auditors;

    AuthenticationInterceptor(AuthenticationPipeline pipeline, AuditorAuthenticator auditors) {
        this.pipeline = pipeline;
        this.auditors = auditors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isOurs(method)) {
            return true;
        }
        Map<String, String> pathValues = PathValues.of(request);
        Access access = method.getMethodAnnotation(Access.class);
        String token = token(request);
        boolean reading = READ_METHODS.contains(request.getMethod());
        if (!reading && auditors.auditorOf(token).isPresent()) {
            throw ApiException.forbidden(AUDITOR_WRITE_REFUSED.formatted(request.getMethod()));
        }
        if (access != null) {
            Scheme[] schemes = reading && auditorMayRead(access.value(), request)
                    ? withAuditor(access.value()) : access.value();
            Optional<Caller> caller = pipeline.authenticate(schemes, token, pathValues);
            if (caller.isEmpty()) {
                throw auditors.auditorOf(token).isPresent()
                        ? ApiException.forbidden(AUDITOR_READ_REFUSED) : ApiException.unauthorized();
            }
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        } else if (method.hasMethodAnnotation(PublicAccess.class)) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.anonymous());
        } else {
            throw new IllegalStateException("operation " + method + " declares no access policy");
        }
        PathValues.validateHandles(pathValues);
        return true;
    }

    /** Auditors read what the operation declares for them, and what the admin reads outside /v1/admin/. */
    private static boolean auditorMayRead(Scheme[] declared, HttpServletRequest request) {
        List<Scheme> schemes = Arrays.asList(declared);
        if (schemes.contains(Scheme.AUDITOR)) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return schemes.contains(Scheme.ADMIN) && pattern instanceof String route
                && !route.startsWith(OPERATIONAL_ROUTES);
    }

    private static Scheme[] withAuditor(Scheme[] declared) {
        if (Arrays.asList(declared).contains(Scheme.AUDITOR)) {
            return declared;
        }
        Scheme[] schemes = Arrays.copyOf(declared, declared.length + 1);
        schemes[declared.length] = Scheme.AUDITOR;
        return schemes;
    }

    private static boolean isOurs(HandlerMethod method) {
        return method.getBeanType().getName().startsWith("io.embapi.");
    }

    /** The reference strips a literal {@code "Bearer "} prefix; without it the whole header is the token. */
    static String token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return "";
        }
        return header.startsWith(BEARER) ? header.substring(BEARER.length()) : header;
    }
}
