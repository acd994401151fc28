package io.embapi.platform.security;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Step 2: the key of the user named by {@code {user_handle}} in the path. */
@Component
class OwnerAuthenticator implements SchemeAuthenticator {

    static final String USER_HANDLE = "user_handle";

    private final CredentialDirectory credentials;

    OwnerAuthenticator(CredentialDirectory credentials) {
        this.credentials = credentials;
    }

    @Override
    public Scheme scheme() {
        return Scheme.OWNER;
    }

    @Override
    public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
        String userHandle = pathValues.get(USER_HANDLE);
        if (userHandle == null || token.isEmpty()) {
            return Optional.empty();
        }
        return credentials.keyHashOf(userHandle)
                .filter(hash -> ApiKeys.matches(token, hash))
                .map(hash -> Caller.user(userHandle, Scheme.OWNER));
    }
}
