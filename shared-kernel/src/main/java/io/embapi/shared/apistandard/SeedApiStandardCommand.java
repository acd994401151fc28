package io.embapi.shared.apistandard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a built-in API standard unless its stream exists already (even if it was deleted since). */
public record SeedApiStandardCommand(String handle, ApiStandardDefinition definition) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ApiStandardIds.aggregateId(handle);
    }
}
