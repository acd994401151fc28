package io.embapi.command;

import io.embapi.shared.RejectedCommandException;
import org.axonframework.modelling.command.AggregateLifecycle;

/** Rules about concurrent changes that every aggregate applies the same way. */
public final class Concurrency {

    private Concurrency() {
    }

    /**
     * PATCH's optimistic check, called from inside a command handler: the aggregate must still be at the version the
     * patch was computed from ({@code null}: no check). Axon ignores {@code @TargetAggregateVersion} on
     * create-if-missing handlers, so the aggregates check it themselves.
     */
    public static void ensureUnchangedSince(Long expectedVersion, String what) {
        if (expectedVersion != null && !expectedVersion.equals(AggregateLifecycle.getVersion())) {
            throw new RejectedCommandException(RejectedCommandException.Reason.CONFLICT,
                    "the " + what + " was changed by a concurrent request; retry the request");
        }
    }
}
