package io.embapi.platform.security;

/**
 * Who is calling, as established by the authentication pipeline.
 *
 * @param kind   what kind of principal
 * @param handle the user handle for {@link Kind#USER}, the auditor handle for {@link Kind#AUDITOR}; {@code admin},
 *               {@code public} or {@code anonymous} otherwise
 * @param scheme the scheme that authenticated the call; {@code null} for public operations
 */
public record Caller(Kind kind, String handle, Scheme scheme) {

    public enum Kind {
        ADMIN,
        /** A read-only auditor: reads like the admin, never writes. */
        AUDITOR,
        USER,
        PUBLIC,
        ANONYMOUS
    }

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public static Caller admin() {
        return new Caller(Kind.ADMIN, "admin", Scheme.ADMIN);
    }

    public static Caller auditor(String auditorHandle) {
        return new Caller(Kind.AUDITOR, auditorHandle, Scheme.AUDITOR);
    }

    public static Caller user(String handle, Scheme scheme) {
        return new Caller(Kind.USER, handle, scheme);
    }

    public static Caller publicReader() {
        return new Caller(Kind.PUBLIC, "public", Scheme.READER);
    }

    public static Caller anonymous() {
        return new Caller(Kind.ANONYMOUS, "anonymous", null);
    }

    public boolean isAdmin() {
        return kind == Kind.ADMIN;
    }

    public boolean isAuditor() {
        return kind == Kind.AUDITOR;
    }

    /** Whether the caller sees every resource as the admin does (the admin, or an auditor reading). */
    public boolean seesEverything() {
        return kind == Kind.ADMIN || kind == Kind.AUDITOR;
    }

    public boolean isUser(String userHandle) {
        return kind == Kind.USER && handle.equals(userHandle);
    }
}
