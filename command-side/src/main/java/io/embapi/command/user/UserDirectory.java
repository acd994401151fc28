package io.embapi.command.user;

import io.embapi.shared.RejectedCommandException;

/** What aggregates need to know about users: set-wide facts no single aggregate holds. */
public interface UserDirectory {

    /** Whether the user exists now. */
    boolean exists(String userHandle);

    /** Refuses (404 {@code user <u> not found}) unless the user exists now. */
    default void ensureExists(String userHandle) {
        if (!exists(userHandle)) {
            throw new RejectedCommandException(RejectedCommandException.Reason.NOT_FOUND,
                    "user " + userHandle + " not found");
        }
    }

    /** Whether another user than {@code userHandle} already uses this e-mail address (case-insensitive). */
    boolean emailInUseByOther(String email, String userHandle);
}
