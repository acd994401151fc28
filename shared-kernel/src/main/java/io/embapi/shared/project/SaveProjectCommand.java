package io.embapi.shared.project;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Create the project or replace its settings (the reference's PUT); listed shares are added or re-roled, shares not
 * listed are kept.
 *
 * @param projectId       the project's id (a new one when the project does not exist yet)
 * @param owner           the owner's handle
 * @param projectHandle   the project's handle
 * @param settings        the new settings
 * @param sharedWith      shares to add or change
 * @param expectedVersion for PATCH: the version the patch was computed from; {@code null} to skip the check
 */
public record SaveProjectCommand(long projectId, String owner, String projectHandle, ProjectSettings settings,
                                 List<ProjectShare> sharedWith, Long expectedVersion) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return ProjectIds.aggregateId(projectId);
    }

    @TargetAggregateVersion
    public Long version() {
        return expectedVersion;
    }
}
