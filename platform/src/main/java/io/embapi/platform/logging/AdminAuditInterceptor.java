package io.embapi.platform.logging;

import io.embapi.platform.security.Caller;
import io.embapi.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One audit log line per admin operation, on the logger {@value #LOGGER}: every request the admin key authenticated,
 * and every request to an operational route ({@code /v1/admin/...}) whatever its outcome (a refused attempt shows
 * as actor {@code unauthenticated} with status 401). The line names the actor, the method, the route template, the
 * resource (the path values, e.g. {@code user_handle=alice}), the outcome status and the request id; never the
 * body, the query string or a header. In JSON logs the same fields are key-value pairs.
 *
 * <p>Registered before the authentication interceptor, so its completion callback runs even when authentication
 * refuses the request. This is the operator's log; the event store stays the record of what changed.
 */
@Component
public class AdminAuditInterceptor implements HandlerInterceptor {

    public static final String LOGGER = "embapi.audit.admin";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final String OPERATIONAL_ROUTES = "/v1/admin/";

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        boolean byAdmin = caller instanceof Caller c && c.isAdmin();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String p ? p : "-";
        if (!byAdmin && !route.startsWith(OPERATIONAL_ROUTES)) {
            return;
        }
        String actor = caller instanceof Caller c ? c.handle() : "unauthenticated";
        String resource = resource(request);
        int status = response.getStatus();
        String requestId = RequestIdFilter.current(request);
        log.atInfo()
                .addKeyValue("audit", "admin")
                .addKeyValue("actor", actor)
                .addKeyValue("method", request.getMethod())
                .addKeyValue("route", route)
                .addKeyValue("resource", resource)
                .addKeyValue("status", status)
                .addKeyValue("request_id", requestId)
                .log("admin operation: actor={} method={} route={} resource={} status={} request_id={}", actor,
                        request.getMethod(), route, resource, status, requestId);
    }

    @SuppressWarnings("unchecked")
    private static String resource(HttpServletRequest request) {
        Object values = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(values instanceof Map<?, ?> map) || map.isEmpty()) {
            return "-";
        }
        return new TreeMap<>((Map<String, String>) map).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
