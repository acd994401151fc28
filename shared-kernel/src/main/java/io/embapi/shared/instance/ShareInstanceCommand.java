package io.embapi.shared.instance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Share the instance as reader or editor (re-sharing changes the role). */
public record ShareInstanceCommand(long instanceId, String userHandle, String role) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return InstanceIds.aggregateId(instanceId);
    }
}
