package io.embapi.command.user;

/** What aggregates need to know about users: set-wide facts no single aggregate holds. */
public interface UserDirectory {

    /** Whether the user exists now. */
    boolean exists(String userHandle);

    /** Whether another user than {@code userHandle} already uses this e-mail address (case-insensitive). */
    boolean emailInUseByOther(String email, String userHandle);
}
