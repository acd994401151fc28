package io.embapi.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyStrengthTest {

    @Test
    void generatedKeysPass() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        assertThat(KeyStrength.weakness(HexFormat.of().formatHex(bytes))).isEmpty();
        assertThat(KeyStrength.weakness("test-admin-key-0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void shortRepeatedPatternedAndPlaceholderKeysFail() {
        assertThat(KeyStrength.weakness("")).contains("it is empty");
        assertThat(KeyStrength.weakness("0123456789abcdef0123456789abcde")).get().asString()
                .contains("31 characters, fewer than 32");
        assertThat(KeyStrength.weakness("a".repeat(40))).get().asString().contains("different characters");
        assertThat(KeyStrength.weakness("0123456789".repeat(4))).get().asString().contains("repeats a short pattern");
        assertThat(KeyStrength.weakness("changemechangemechangemechangeme-1234")).get().asString()
                .contains("placeholder");
    }
}
