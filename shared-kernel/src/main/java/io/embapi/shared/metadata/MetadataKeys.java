package io.embapi.shared.metadata;

import java.util.List;

/**
 * Keys of the audit metadata every command carries and every event inherits: who did it, as what, and within which
 * HTTP request. The actor is a handle or {@code admin} / {@code system}, never a key.
 */
public final class MetadataKeys {

    /** The acting principal: a user handle, {@code admin}, {@code public} or {@code system}. */
    public static final String ACTOR = "actor";
    /** What kind of principal acted: {@code admin}, {@code user}, {@code public} or {@code system}. */
    public static final String ACTOR_TYPE = "actorType";
    /** The request id of the HTTP request that caused the command ({@code X-Request-Id}). */
    public static final String REQUEST_ID = "requestId";

    public static final List<String> AUDIT_KEYS = List.of(ACTOR, ACTOR_TYPE, REQUEST_ID);

    private MetadataKeys() {
    }
}
