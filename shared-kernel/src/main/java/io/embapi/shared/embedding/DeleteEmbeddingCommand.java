package io.embapi.shared.embedding;

import io.embapi.shared.project.ProjectIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete one embedding of a project (recorded on the project's stream). */
public record DeleteEmbeddingCommand(long projectId, String textId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
