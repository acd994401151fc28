package io.embapi.platform.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Makes new user keys: 32 bytes from a CSPRNG, hex-encoded (64 lowercase characters). */
@Component
public class ApiKeyGenerator {

    private final SecureRandom random = new SecureRandom();

    public String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
