package io.embapi.platform.privacy;

import io.embapi.shared.privacy.SealedSecret;
import java.util.Optional;

/** Seals secrets (provider API keys) for events and opens them again while their data key exists. */
public interface SecretProtector {

    /** Seals {@code secret} under a new data key recorded for {@code subject}. */
    SealedSecret seal(String subject, String secret);

    /** The secret in clear, or empty when its data key is gone. */
    Optional<String> open(SealedSecret sealed);
}
