package io.embapi.shared.user;

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
}
