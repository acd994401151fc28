package io.embapi.shared.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the project's current settings and version (for PATCH); changes nothing. */
public record DescribeProjectCommand(long projectId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
