package io.embapi.platform.security;

import io.embapi.platform.config.EmbapiProperties;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Step 1: the configured admin key, compared in constant time; an empty token never authenticates. */
@Component
class AdminAuthenticator implements SchemeAuthenticator {

    private final String adminKey;

    AdminAuthenticator(EmbapiProperties properties) {
        this.adminKey = properties.adminKey();
    }

    @Override
    public Scheme scheme() {
        return Scheme.ADMIN;
    }

    @Override
    public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
        return ApiKeys.secretsEqual(token, adminKey) ? Optional.of(Caller.admin()) : Optional.empty();
    }
}
