package io.embapi.platform.config;

import io.embapi.platform.logging.LogRedactor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without the two secrets the service cannot run safely without, and with weak ones (fewer than
 * 32 characters, patterns, placeholders: {@link KeyStrength}) unless {@code EMBAPI_ALLOW_WEAK_KEYS=true} says this is
 * a development machine. Registers every configured secret with the log masking ({@link LogRedactor}). Switches
 * debug logging on only when asked. No default key exists anywhere.
 */
@Component
class StartupChecks {

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    StartupChecks(EmbapiProperties properties) {
        for (String secret : new String[] {properties.adminKey(), properties.adminKeyPrevious(),
                properties.encryptionKey(), properties.encryptionKeyPrevious()}) {
            LogRedactor.protect(secret);
        }
        if (isBlank(properties.adminKey())) {
            throw new MissingSecretException("SERVICE_ADMINKEY",
                    "the admin key is required (an empty key would never authenticate)");
        }
        if (isBlank(properties.encryptionKey())) {
            throw new MissingSecretException("ENCRYPTION_KEY",
                    "the master key for provider keys and personal data is required");
        }
        if (!isBlank(properties.adminKeyPrevious()) && properties.adminKeyPreviousUntil() == null) {
            throw new IllegalStateException("SERVICE_ADMINKEY_PREVIOUS is set without SERVICE_ADMINKEY_PREVIOUS_UNTIL:"
                    + " set the instant (ISO-8601, e.g. 2026-12-01T00:00:00Z) until which the previous admin key is"
                    + " accepted, or remove SERVICE_ADMINKEY_PREVIOUS.");
        }
        checkStrength("SERVICE_ADMINKEY", properties.adminKey(), properties.allowWeakKeys());
        checkStrength("ENCRYPTION_KEY", properties.encryptionKey(), properties.allowWeakKeys());
        if (!isBlank(properties.adminKeyPrevious())) {
            checkStrength("SERVICE_ADMINKEY_PREVIOUS", properties.adminKeyPrevious(), properties.allowWeakKeys());
        }
        if (!isBlank(properties.encryptionKeyPrevious())) {
            checkStrength("ENCRYPTION_KEY_PREVIOUS", properties.encryptionKeyPrevious(), properties.allowWeakKeys());
        }
        if (properties.debug()) {
            LoggingSystem.get(getClass().getClassLoader()).setLogLevel("io.embapi", LogLevel.DEBUG);
            log.info("SERVICE_DEBUG is on: debug logging enabled for io.embapi");
        }
    }

    private static void checkStrength(String variable, String key, boolean allowWeak) {
        Optional<String> weakness = KeyStrength.weakness(key);
        if (weakness.isEmpty()) {
            return;
        }
        if (allowWeak) {
            log.warn("{} is weak ({}); accepted because EMBAPI_ALLOW_WEAK_KEYS=true (development only)", variable,
                    weakness.get());
            return;
        }
        throw new WeakSecretException(variable, weakness.get());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Thrown at start-up; its message names the variable and never contains a value. */
    static final class MissingSecretException extends IllegalStateException {
        MissingSecretException(String variable, String why) {
            super(variable + " is not set: " + why + ". Set it in the environment or in .env (see README).");
        }
    }

    /** Thrown at start-up for a weak key; its message names the variable and the reason, never the value. */
    static final class WeakSecretException extends IllegalStateException {
        WeakSecretException(String variable, String why) {
            super(variable + " is too weak: " + why + ". Use at least " + KeyStrength.MIN_LENGTH
                    + " random characters, e.g. `openssl rand -hex 32`, or set EMBAPI_ALLOW_WEAK_KEYS=true on a"
                    + " development machine.");
        }
    }
}
