package io.embapi.shared.instance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an instance no project uses. */
public record DeleteInstanceCommand(long instanceId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return InstanceIds.aggregateId(instanceId);
    }
}
