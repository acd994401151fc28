package io.embapi.query.project;

import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.project.ProjectSettingsChangedEvent;
import io.embapi.shared.project.ProjectSharedEvent;
import io.embapi.shared.project.ProjectUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Projects project events into {@code project_view} and {@code project_member_view}, and answers project queries.
 * Deleting a user drops the user's projects and memberships, as the reference's cascades do.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECT_VIEW)
class ProjectViewProjection {

    private final ProjectViewRepository projects;

    ProjectViewProjection(ProjectViewRepository projects) {
        this.projects = projects;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        projects.create(event.projectId(), event.owner(), event.projectHandle(), event.settings(), at, version);
    }

    @EventHandler
    void on(ProjectSettingsChangedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        if (projects.advance(event.projectId(), version, at)) {
            projects.changeSettings(event.projectId(), event.settings());
        }
    }

    @EventHandler
    void on(ProjectSharedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        if (projects.advance(event.projectId(), version, at)) {
            projects.putMember(event.projectId(), event.userHandle(), event.role().wireName());
        }
    }

    @EventHandler
    void on(ProjectUnsharedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        if (projects.advance(event.projectId(), version, at)) {
            projects.removeMember(event.projectId(), event.userHandle());
        }
    }

    @EventHandler
    void on(ProjectOwnershipTransferredEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        if (projects.advance(event.projectId(), version, at)) {
            projects.changeOwner(event.projectId(), event.previousOwner(), event.newOwner());
        }
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        projects.delete(event.projectId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        projects.forgetUser(event.userHandle());
    }

    @ResetHandler
    void reset() {
        projects.deleteAll();
    }

    @QueryHandler
    Optional<ProjectDetails> handle(ProjectQueries.FindProject query) {
        return projects.find(query.owner(), query.projectHandle());
    }

    @QueryHandler
    ProjectView.InstanceLink handle(ProjectQueries.FindInstanceLink query) {
        return projects.instanceLink(query.owner(), query.instanceHandle(), query.viewer());
    }

    @QueryHandler
    List<ProjectSummary> handle(ProjectQueries.ListAccessibleProjects query) {
        return projects.accessibleTo(query.userHandle(), query.limit(), query.offset());
    }
}
