package io.embapi.platform.web;

import io.embapi.platform.logging.AdminAuditInterceptor;
import io.embapi.platform.security.AuthenticationInterceptor;
import io.embapi.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the HTTP edge into Spring MVC and Tomcat. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final AuthenticationInterceptor authentication;
    private final AdminAuditInterceptor adminAudit;
    private final JsonMapper mapper;
    private final RequestBodies bodies;

    WebConfiguration(AuthenticationInterceptor authentication, AdminAuditInterceptor adminAudit, JsonMapper mapper,
                     RequestBodies bodies) {
        this.authentication = authentication;
        this.adminAudit = adminAudit;
        this.mapper = mapper;
        this.bodies = bodies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First, so that its completion callback also sees requests the authentication refuses.
        registry.addInterceptor(adminAudit);
        registry.addInterceptor(authentication);
        registry.addInterceptor(new StorableTextInterceptor());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new JsonBodyResolver(mapper, bodies));
        resolvers.add(new CallerResolver());
    }

    /** Text ids are URLs: keep {@code %2F} inside a path segment instead of rejecting or splitting it. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashes() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling("passthrough"));
    }

    /**
     * Errors Tomcat answers itself, before any servlet runs (a request line or header over the size limit, an
     * invalid URI), are problem JSON as well instead of Tomcat's HTML page.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    private static final class CallerResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
            Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            if (caller == null) {
                throw new IllegalStateException("no caller: the operation was not authenticated");
            }
            return caller;
        }
    }
}
