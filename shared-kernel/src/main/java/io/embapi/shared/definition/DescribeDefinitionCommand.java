package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the definition's current spec and version (for PATCH); changes nothing. */
public record DescribeDefinitionCommand(long definitionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }
}
