package io.embapi.shared.user;

/**
 * Maps a user handle to the identifier of its event stream. The prefix keeps user streams apart from the
 * streams of other aggregate types that may use the same handle text.
 */
public final class UserIds {

    private static final String PREFIX = "user:";

    private UserIds() {
    }

    public static String aggregateId(String userHandle) {
        return PREFIX + userHandle;
    }
}
