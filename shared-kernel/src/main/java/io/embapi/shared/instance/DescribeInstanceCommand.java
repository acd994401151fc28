package io.embapi.shared.instance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the instance's current spec, whether it has a key, and its version (for PATCH); changes nothing. */
public record DescribeInstanceCommand(long instanceId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return InstanceIds.aggregateId(instanceId);
    }
}
