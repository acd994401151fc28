package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a built-in definition unless its stream exists already. */
public record SeedDefinitionCommand(long definitionId, String owner, String definitionHandle, DefinitionSpec spec) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }
}
