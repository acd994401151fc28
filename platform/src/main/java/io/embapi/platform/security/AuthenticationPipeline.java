package io.embapi.platform.security;

import io.embapi.platform.config.EmbapiProperties;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reference's authentication pipeline, in one place: for the schemes an operation declares, try admin, owner,
 * editor and reader in that order; the first that recognises the caller wins. With {@code SERVICE_VERBOSE} on,
 * each decision is logged (never the token).
 */
@Component
public class AuthenticationPipeline {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationPipeline.class);

    private final Map<Scheme, SchemeAuthenticator> steps = new EnumMap<>(Scheme.class);
    private final boolean verbose;

    AuthenticationPipeline(List<SchemeAuthenticator> authenticators, EmbapiProperties properties) {
        for (SchemeAuthenticator authenticator : authenticators) {
            if (steps.put(authenticator.scheme(), authenticator) != null) {
                throw new IllegalStateException("two authenticators for scheme " + authenticator.scheme());
            }
        }
        this.verbose = properties.verbose();
    }

    /** The caller, or empty when no declared scheme recognises the token (answer 401). */
    public Optional<Caller> authenticate(Scheme[] declared, String token, Map<String, String> pathValues) {
        List<Scheme> accepted = Arrays.asList(declared);
        for (Scheme scheme : Scheme.values()) {
            SchemeAuthenticator step = steps.get(scheme);
            if (!accepted.contains(scheme) || step == null) {
                continue;
            }
            Optional<Caller> caller = step.authenticate(token, pathValues);
            if (caller.isPresent()) {
                if (verbose) {
                    log.info("{} authentication successful: {}", label(scheme), caller.get().handle());
                }
                return caller;
            }
        }
        if (verbose) {
            log.info("Authentication failed.");
        }
        return Optional.empty();
    }

    private static String label(Scheme scheme) {
        String name = scheme.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
