package io.embapi.shared.apistandard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Create or replace an API standard.
 *
 * @param handle          the standard's handle
 * @param definition      what it says
 * @param expectedVersion for PATCH: the version the patch was computed from; {@code null} to skip the check
 */
public record SaveApiStandardCommand(String handle, ApiStandardDefinition definition, Long expectedVersion) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ApiStandardIds.aggregateId(handle);
    }

    @TargetAggregateVersion
    public Long version() {
        return expectedVersion;
    }
}
