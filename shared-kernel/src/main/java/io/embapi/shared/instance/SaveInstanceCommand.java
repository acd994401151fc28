package io.embapi.shared.instance;

import io.embapi.shared.privacy.SealedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Create the instance or replace it as a whole (a missing key removes the stored one). */
public record SaveInstanceCommand(long instanceId, String owner, String instanceHandle, InstanceSpec spec,
                                  SealedSecret apiKey, Long expectedVersion) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return InstanceIds.aggregateId(instanceId);
    }

    @TargetAggregateVersion
    public Long version() {
        return expectedVersion;
    }
}
