package io.embapi.platform.security;

import java.util.Map;
import java.util.Optional;

/**
 * One step of the authentication pipeline. Each scheme has exactly one authenticator; later slices (editors and
 * readers of projects, instances, definitions) contribute theirs as beans and the pipeline picks them up.
 */
public interface SchemeAuthenticator {

    Scheme scheme();

    /**
     * @param token      the presented bearer token (possibly empty)
     * @param pathValues the operation's decoded path variables
     * @return the caller, or empty to let the next step try
     */
    Optional<Caller> authenticate(String token, Map<String, String> pathValues);
}
