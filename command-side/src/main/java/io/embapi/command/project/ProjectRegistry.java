package io.embapi.command.project;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.project.InstanceRef;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.project.ProjectSettingsChangedEvent;
import io.embapi.shared.project.ProjectSharedEvent;
import io.embapi.shared.project.ProjectUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code project_registry} and {@code project_member} lookup tables: which live project has which
 * (owner, handle), its public flag and its members. Written in the command's transaction; the unique
 * (owner, handle) constraint settles races between concurrent creations. Deleting a user drops the user's projects
 * and memberships here, as the reference's cascades do.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.PROJECT_REGISTRY)
class ProjectRegistry implements ProjectDirectory, ProjectCatalog {

    private final JdbcTemplate jdbc;

    ProjectRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> projectIdOf(String owner, String projectHandle) {
        List<Long> ids = jdbc.queryForList(
                "SELECT project_id FROM project_registry WHERE owner = ? AND project_handle = ?",
                Long.class, owner, projectHandle);
        return ids.stream().findFirst();
    }

    @Override
    public Optional<Long> find(String owner, String projectHandle) {
        return projectIdOf(owner, projectHandle);
    }

    @Override
    public long allocateProjectId() {
        Long id = jdbc.queryForObject("SELECT nextval('project_id_seq')", Long.class);
        return id == null ? 0 : id;
    }

    @Override
    public long embeddingCount(long projectId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM embedding_registry WHERE project_id = ?", Long.class,
                projectId);
        return count == null ? 0 : count;
    }

    @Override
    public boolean instanceExists(InstanceRef instance) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM instance_registry WHERE owner = ? AND instance_handle = ?",
                Integer.class, instance.owner(), instance.handle());
        return count != null && count > 0;
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        InstanceRef instance = event.settings().instance();
        jdbc.update("""
                INSERT INTO project_registry (project_id, owner, project_handle, public_read, instance_owner,
                    instance_handle, metadata_scheme)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, event.projectId(), event.owner(), event.projectHandle(), event.settings().publicRead(),
                instance == null ? null : instance.owner(), instance == null ? null : instance.handle(),
                event.settings().metadataScheme());
        jdbc.update("INSERT INTO project_member (project_id, user_handle, role) VALUES (?, ?, 'owner')",
                event.projectId(), event.owner());
    }

    @EventHandler
    void on(ProjectSettingsChangedEvent event) {
        InstanceRef instance = event.settings().instance();
        jdbc.update("UPDATE project_registry SET public_read = ?, instance_owner = ?, instance_handle = ?, "
                        + "metadata_scheme = ? WHERE project_id = ?", event.settings().publicRead(),
                instance == null ? null : instance.owner(), instance == null ? null : instance.handle(),
                event.settings().metadataScheme(), event.projectId());
    }

    @EventHandler
    void on(ProjectSharedEvent event) {
        jdbc.update("""
                INSERT INTO project_member (project_id, user_handle, role)
                SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM project_registry WHERE project_id = ?)
                ON CONFLICT (project_id, user_handle) DO UPDATE SET role = EXCLUDED.role
                """, event.projectId(), event.userHandle(), event.role().wireName(), event.projectId());
    }

    @EventHandler
    void on(ProjectUnsharedEvent event) {
        jdbc.update("DELETE FROM project_member WHERE project_id = ? AND user_handle = ?",
                event.projectId(), event.userHandle());
    }

    @EventHandler
    void on(ProjectOwnershipTransferredEvent event) {
        jdbc.update("UPDATE project_registry SET owner = ? WHERE project_id = ?", event.newOwner(), event.projectId());
        jdbc.update("DELETE FROM project_member WHERE project_id = ? AND user_handle IN (?, ?)",
                event.projectId(), event.previousOwner(), event.newOwner());
        jdbc.update("INSERT INTO project_member (project_id, user_handle, role) VALUES (?, ?, 'owner')",
                event.projectId(), event.newOwner());
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        jdbc.update("DELETE FROM project_registry WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM project_registry WHERE owner = ?", event.userHandle());
        jdbc.update("DELETE FROM project_member WHERE user_handle = ?", event.userHandle());
    }
}
