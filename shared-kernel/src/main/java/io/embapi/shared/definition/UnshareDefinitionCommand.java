package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a user's access to the definition away (no error when there was none). */
public record UnshareDefinitionCommand(long definitionId, String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }
}
