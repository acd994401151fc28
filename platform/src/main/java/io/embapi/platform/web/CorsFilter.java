package io.embapi.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The reference's CORS behaviour: permissive headers on every response, and every {@code OPTIONS} request
 * answered 200 with an empty body before authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorsFilter extends OncePerRequestFilter {

    static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS, PATCH, UPDATE, QUERY";
    static final String ALLOW_HEADERS =
            "Accept, Authorization, Content-Type, Content-Disposition, Origin, X-Requested-With";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
            return;
        }
        chain.doFilter(request, response);
    }
}
