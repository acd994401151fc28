package io.embapi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses path variables and query parameters the database cannot store ({@link StorableText}, 400) and query
 * strings that are not valid percent-encoding. Runs after authentication, so 401 still beats 400.
 */
final class StorableTextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        PathValues.of(request).forEach((name, value) -> StorableText.require(value, "path." + name));
        String query = request.getQueryString();
        if (query == null) {
            return true;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            StorableText.require(name, "the query string");
            if (eq >= 0) {
                StorableText.require(decode(pair.substring(eq + 1)), "query." + name);
            }
        }
        return true;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not valid percent-encoding");
        }
    }
}
