package io.embapi.platform.security;

import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.PathValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Runs before any argument is read, so authentication always precedes validation (401 beats 422). Then checks the
 * handles in the path. Operations of the service without an access declaration are refused: fail closed.
 */
@Component
public class AuthenticationInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final AuthenticationPipeline pipeline;

    AuthenticationInterceptor(AuthenticationPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isOurs(method)) {
            return true;
        }
        Map<String, String> pathValues = PathValues.of(request);
        Access access = method.getMethodAnnotation(Access.class);
        if (access != null) {
            Caller caller = pipeline.authenticate(access.value(), token(request), pathValues)
                    .orElseThrow(ApiException::unauthorized);
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        } else if (method.hasMethodAnnotation(PublicAccess.class)) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.anonymous());
        } else {
            throw new IllegalStateException("operation " + method + " declares no access policy");
        }
        PathValues.validateHandles(pathValues);
        return true;
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
