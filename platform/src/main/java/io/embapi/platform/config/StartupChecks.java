package io.embapi.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without the two secrets the service cannot run safely without; switches debug logging on only
 * when asked. No default key exists anywhere.
 */
@Component
class StartupChecks {

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    StartupChecks(EmbapiProperties properties) {
        if (isBlank(properties.adminKey())) {
            throw new MissingSecretException("SERVICE_ADMINKEY",
                    "the admin key is required (an empty key would never authenticate)");
        }
        if (isBlank(properties.encryptionKey())) {
            throw new MissingSecretException("ENCRYPTION_KEY",
                    "the master key for provider keys and personal data is required");
        }
        if (properties.debug()) {
            LoggingSystem.get(getClass().getClassLoader()).setLogLevel("io.embapi", LogLevel.DEBUG);
            log.info("SERVICE_DEBUG is on: debug logging enabled for io.embapi");
        }
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
}
