package io.embapi.platform.security;

import io.embapi.platform.config.EmbapiProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Step 1: the configured admin key, compared in constant time; an empty token never authenticates.
 *
 * <p>Rotation without downtime (ADR 0014): during a rotation the previous key ({@code SERVICE_ADMINKEY_PREVIOUS}) is
 * accepted too, until {@code SERVICE_ADMINKEY_PREVIOUS_UNTIL}; every use of it is logged as a warning and counted
 * ({@code embapi.auth.admin.previous_key}), so the operator sees which clients still need the new key. From the
 * instant on it is refused like any wrong key.
 */
@Component
class AdminAuthenticator implements SchemeAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthenticator.class);

    private final String adminKey;
    private final String previousKey;
    private final Instant previousUntil;
    private final Clock clock;
    private final Counter previousKeyUses;

    AdminAuthenticator(EmbapiProperties properties, ObjectProvider<MeterRegistry> registry,
                       ObjectProvider<Clock> clock) {
        this.adminKey = properties.adminKey();
        this.previousKey = properties.adminKeyPrevious();
        this.previousUntil = properties.adminKeyPreviousUntil();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        MeterRegistry meters = registry.getIfAvailable();
        this.previousKeyUses = meters == null ? null : Counter.builder("embapi.auth.admin.previous_key")
                .description("Requests authenticated with the previous admin key during a rotation")
                .register(meters);
    }

    @Override
    public Scheme scheme() {
        return Scheme.ADMIN;
    }

    @Override
    public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
        if (ApiKeys.secretsEqual(token, adminKey)) {
            return Optional.of(Caller.admin());
        }
        if (previousUntil == null || !ApiKeys.secretsEqual(token, previousKey)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(previousUntil)) {
            log.warn("The previous admin key was presented after SERVICE_ADMINKEY_PREVIOUS_UNTIL ({}) and refused",
                    previousUntil);
            return Optional.empty();
        }
        if (previousKeyUses != null) {
            previousKeyUses.increment();
        }
        log.warn("Request authenticated with the PREVIOUS admin key (accepted until {}): move this client to the "
                + "new SERVICE_ADMINKEY", previousUntil);
        return Optional.of(Caller.admin());
    }
}
