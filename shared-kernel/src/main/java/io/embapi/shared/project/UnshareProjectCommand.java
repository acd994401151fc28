package io.embapi.shared.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a user's access to the project away. */
public record UnshareProjectCommand(long projectId, String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
