package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete the definition; instances made from it keep their settings. */
public record DeleteDefinitionCommand(long definitionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }
}
