package io.embapi.shared.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Share the project with a user as editor or reader (re-sharing changes the role). */
public record ShareProjectCommand(long projectId, String userHandle, String role) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
