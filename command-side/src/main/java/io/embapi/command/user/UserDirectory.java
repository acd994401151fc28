package io.embapi.command.user;

/** What the {@link User} aggregate needs to know about other users: set-wide rules it cannot check alone. */
interface UserDirectory {

    /** Whether another user than {@code userHandle} already uses this e-mail address (case-insensitive). */
    boolean emailInUseByOther(String email, String userHandle);
}
