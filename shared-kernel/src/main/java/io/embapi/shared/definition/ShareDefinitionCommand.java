package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a user use the definition. */
public record ShareDefinitionCommand(long definitionId, String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }
}
