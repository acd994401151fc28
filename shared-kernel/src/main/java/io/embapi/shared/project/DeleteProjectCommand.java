package io.embapi.shared.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete the project and, in every read model, its embeddings and shares. The history stays. */
public record DeleteProjectCommand(long projectId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
