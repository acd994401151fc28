package io.embapi.shared.user;

import io.embapi.shared.RejectedCommandException;

/**
 * The built-in {@code _system} account: it owns the seeded public LLM definitions, holds no key and can never
 * authenticate. Mutating requests naming it are refused with 403.
 */
public final class SystemUser {

    public static final String HANDLE = "_system";
    public static final String NAME = "System User";
    public static final String EMAIL = "system@embapi.internal";

    private SystemUser() {
    }

    public static boolean is(String userHandle) {
        return HANDLE.equals(userHandle);
    }

    /** Refuses (403) any change under {@code _system}. */
    public static void ensureNotSystem(String userHandle) {
        if (is(userHandle)) {
            throw new RejectedCommandException(RejectedCommandException.Reason.FORBIDDEN,
                    "_system user cannot send requests - this is a read-only account");
        }
    }
}
