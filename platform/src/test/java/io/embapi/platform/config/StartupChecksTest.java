package io.embapi.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Start-up refuses weak keys with a message that names the variable and never the value. */
class StartupChecksTest {

    static final String STRONG = "Jc9v2Qk7LmX4pR8sT1wZ6yB3nD5fH0gA";
    static final String STRONG_2 = "u7Hk2Lq9Xw4Zr1Tb8Ns5Vm3Jd6Pc0Fy_";

    static EmbapiProperties properties(String adminKey, String encryptionKey, String previous, Instant until,
                                       boolean allowWeak) {
        return new EmbapiProperties(adminKey, encryptionKey, null, false, false, DataSize.ofMegabytes(1),
                new EmbapiProperties.Manifest("n", "d", "u", "v"),
                new EmbapiProperties.Consistency(java.time.Duration.ofSeconds(1), List.of()), previous, until,
                allowWeak);
    }

    @Test
    void shortAdminKeyIsRefused() {
        String weak = "short-admin-key";
        assertThatThrownBy(() -> new StartupChecks(properties(weak, STRONG, null, null, false)))
                .hasMessageContaining("SERVICE_ADMINKEY is too weak")
                .hasMessageContaining("fewer than 32")
                .hasMessageContaining("EMBAPI_ALLOW_WEAK_KEYS")
                .hasMessageNotContaining(weak);
    }

    @Test
    void oneCharacterEncryptionKeyIsRefused() {
        String weak = "x".repeat(48);
        assertThatThrownBy(() -> new StartupChecks(properties(STRONG, weak, null, null, false)))
                .hasMessageContaining("ENCRYPTION_KEY is too weak")
                .hasMessageNotContaining(weak);
    }

    @Test
    void weakKeysStartWhenExplicitlyAllowed() {
        new StartupChecks(properties("dev", "dev-master", null, null, true));
    }

    @Test
    void previousAdminKeyNeedsAnExpiry() {
        assertThatThrownBy(() -> new StartupChecks(properties(STRONG, STRONG_2, STRONG_2 + "x", null, false)))
                .hasMessageContaining("SERVICE_ADMINKEY_PREVIOUS_UNTIL");
        new StartupChecks(properties(STRONG, STRONG_2, STRONG_2 + "x", Instant.now(), false));
        assertThat(STRONG).hasSizeGreaterThanOrEqualTo(KeyStrength.MIN_LENGTH);
    }
}
