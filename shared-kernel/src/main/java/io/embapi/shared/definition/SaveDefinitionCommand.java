package io.embapi.shared.definition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Create the definition or replace its spec. */
public record SaveDefinitionCommand(long definitionId, String owner, String definitionHandle, DefinitionSpec spec,
                                    Long expectedVersion) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return DefinitionIds.aggregateId(definitionId);
    }

    @TargetAggregateVersion
    public Long version() {
        return expectedVersion;
    }
}
