package io.embapi.shared.apistandard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an API standard that no LLM service definition uses. */
public record DeleteApiStandardCommand(String handle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ApiStandardIds.aggregateId(handle);
    }
}
