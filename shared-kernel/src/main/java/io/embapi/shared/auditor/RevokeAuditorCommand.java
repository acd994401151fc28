package io.embapi.shared.auditor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke an auditor credential; its key stops working when the command commits. The handle may be granted again. */
public record RevokeAuditorCommand(String auditorHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AuditorIds.aggregateId(auditorHandle);
    }
}
