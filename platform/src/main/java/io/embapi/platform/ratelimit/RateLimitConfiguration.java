package io.embapi.platform.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the limits around authentication (whose interceptor has the default order 0): the address throttle before
 * it, the per-credential buckets after it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final AuthenticationThrottle throttle;
    private final RateLimitInterceptor limits;

    RateLimitConfiguration(AuthenticationThrottle throttle, RateLimitInterceptor limits) {
        this.throttle = throttle;
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(throttle).order(-100);
        registry.addInterceptor(limits).order(100);
    }
}
