package io.embapi.shared.embedding;

import io.embapi.shared.project.ProjectIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete every embedding of a project (recorded on the project's stream). */
public record DeleteAllEmbeddingsCommand(long projectId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
