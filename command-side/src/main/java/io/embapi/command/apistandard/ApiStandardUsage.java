package io.embapi.command.apistandard;

import io.embapi.shared.RejectedCommandException;

/** Whether anything still depends on an API standard. */
public interface ApiStandardUsage {

    /** Whether an LLM service definition uses the standard. */
    boolean usedByDefinitions(String handle);

    /** Whether the standard exists now. */
    boolean exists(String handle);

    /** Refuses (400 {@code API standard <h> not found}) a reference to a standard that does not exist. */
    default void ensureExists(String handle) {
        if (!exists(handle)) {
            throw new RejectedCommandException(RejectedCommandException.Reason.INVALID,
                    "API standard " + handle + " not found");
        }
    }
}
