package io.embapi.shared.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the project (with its embeddings and history) to another user. */
public record TransferProjectOwnershipCommand(long projectId, String newOwner) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }
}
