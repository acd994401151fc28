package io.embapi.shared.instance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a user's access to the instance away. */
public record UnshareInstanceCommand(long instanceId, String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return InstanceIds.aggregateId(instanceId);
    }
}
