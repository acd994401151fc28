package io.embapi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.platform.config.EmbapiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/** Admin key rotation: the previous key works, counted, until the configured instant and never after it. */
class AdminAuthenticatorTest {

    private static final String CURRENT = "current-admin-key-Jc9v2Qk7LmX4pR8sT1wZ6y";
    private static final String PREVIOUS = "previous-admin-key-u7Hk2Lq9Xw4Zr1Tb8Ns5V";
    private static final Instant UNTIL = Instant.parse("2026-12-01T00:00:00Z");

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private AdminAuthenticator at(Instant now) {
        EmbapiProperties properties = new EmbapiProperties(CURRENT, "enc", null, false, false,
                DataSize.ofMegabytes(1), new EmbapiProperties.Manifest("n", "d", "u", "v"),
                new EmbapiProperties.Consistency(Duration.ofSeconds(1), List.of()), PREVIOUS, UNTIL, false);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", meters);
        beans.addBean("clock", Clock.fixed(now, ZoneOffset.UTC));
        return new AdminAuthenticator(properties, beans.getBeanProvider(MeterRegistry.class),
                beans.getBeanProvider(Clock.class));
    }

    private double uses() {
        return meters.counter("embapi.auth.admin.previous_key").count();
    }

    @Test
    void previousKeyIsAcceptedAndCountedBeforeTheInstant() {
        AdminAuthenticator admin = at(UNTIL.minusSeconds(1));
        assertThat(admin.authenticate(PREVIOUS, Map.of())).contains(Caller.admin());
        assertThat(admin.authenticate(CURRENT, Map.of())).contains(Caller.admin());
        assertThat(uses()).isEqualTo(1.0);
    }

    @Test
    void previousKeyIsRefusedFromTheInstantOn() {
        assertThat(at(UNTIL).authenticate(PREVIOUS, Map.of())).isEmpty();
        assertThat(at(UNTIL.plusSeconds(3600)).authenticate(PREVIOUS, Map.of())).isEmpty();
        assertThat(at(UNTIL.plusSeconds(3600)).authenticate(CURRENT, Map.of())).contains(Caller.admin());
        assertThat(uses()).isZero();
    }

    @Test
    void otherKeysNeverAuthenticate() {
        AdminAuthenticator admin = at(UNTIL.minusSeconds(1));
        assertThat(admin.authenticate("", Map.of())).isEmpty();
        assertThat(admin.authenticate(PREVIOUS + "x", Map.of())).isEmpty();
    }
}
