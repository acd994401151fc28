package io.embapi.shared.apistandard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the standard's current definition and version (for PATCH); changes nothing. */
public record DescribeApiStandardCommand(String handle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ApiStandardIds.aggregateId(handle);
    }
}
