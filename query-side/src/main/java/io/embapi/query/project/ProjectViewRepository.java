package io.embapi.query.project;

import io.embapi.shared.project.ProjectSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code project_view} and {@code project_member_view}. Every change first advances the project's version;
 * a change whose version the row already has is skipped, so replays are idempotent.
 */
@Repository
class ProjectViewRepository {

    private final JdbcTemplate jdbc;

    ProjectViewRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(long projectId, String owner, String handle, ProjectSettings settings, Instant at, long version) {
        int inserted = jdbc.update("""
                INSERT INTO project_view (project_id, owner, project_handle, description, metadata_scheme,
                    instance_owner, instance_handle, public_read, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id) DO NOTHING
                """, projectId, owner, handle, settings.description(), settings.metadataScheme(),
                settings.instance() == null ? null : settings.instance().owner(),
                settings.instance() == null ? null : settings.instance().handle(), settings.publicRead(),
                Timestamp.from(at), Timestamp.from(at), version);
        if (inserted == 1) {
            jdbc.update("INSERT INTO project_member_view (project_id, user_handle, role) VALUES (?, ?, 'owner')",
                    projectId, owner);
        }
    }

    /** Moves the project to {@code version}; false when the row is gone or already there (a replayed event). */
    boolean advance(long projectId, long version, Instant at) {
        return jdbc.update("UPDATE project_view SET version = ?, updated_at = ? WHERE project_id = ? AND version < ?",
                version, Timestamp.from(at), projectId, version) == 1;
    }

    void changeSettings(long projectId, ProjectSettings settings) {
        jdbc.update("""
                UPDATE project_view SET description = ?, metadata_scheme = ?, instance_owner = ?, instance_handle = ?,
                    public_read = ?
                WHERE project_id = ?
                """, settings.description(), settings.metadataScheme(),
                settings.instance() == null ? null : settings.instance().owner(),
                settings.instance() == null ? null : settings.instance().handle(), settings.publicRead(), projectId);
    }

    void putMember(long projectId, String userHandle, String role) {
        jdbc.update("""
                INSERT INTO project_member_view (project_id, user_handle, role) VALUES (?, ?, ?)
                ON CONFLICT (project_id, user_handle) DO UPDATE SET role = EXCLUDED.role
                """, projectId, userHandle, role);
    }

    void removeMember(long projectId, String userHandle) {
        jdbc.update("DELETE FROM project_member_view WHERE project_id = ? AND user_handle = ?", projectId, userHandle);
    }

    void changeOwner(long projectId, String previousOwner, String newOwner) {
        jdbc.update("UPDATE project_view SET owner = ? WHERE project_id = ?", newOwner, projectId);
        jdbc.update("DELETE FROM project_member_view WHERE project_id = ? AND user_handle IN (?, ?)",
                projectId, previousOwner, newOwner);
        putMember(projectId, newOwner, "owner");
    }

    void delete(long projectId) {
        jdbc.update("DELETE FROM project_view WHERE project_id = ?", projectId);
    }

    void forgetUser(String userHandle) {
        jdbc.update("DELETE FROM project_view WHERE owner = ?", userHandle);
        jdbc.update("DELETE FROM project_member_view WHERE user_handle = ?", userHandle);
    }

    void deleteAll() {
        jdbc.update("TRUNCATE project_view, project_member_view");
    }

    Optional<ProjectDetails> find(String owner, String handle) {
        return jdbc.query("""
                SELECT project_id, owner, project_handle, description, metadata_scheme, instance_owner,
                       instance_handle, public_read
                FROM project_view WHERE owner = ? AND project_handle = ?
                """, (rs, i) -> details(rs), owner, handle).stream().findFirst();
    }

    List<ProjectDetails.Member> members(long projectId) {
        return jdbc.query("""
                SELECT user_handle, role FROM project_member_view WHERE project_id = ? ORDER BY user_handle
                """, (rs, i) -> new ProjectDetails.Member(rs.getString(1), rs.getString(2)), projectId);
    }

    /** Projects the user owns or is a member of, each once, with the user's role. */
    List<ProjectSummary> accessibleTo(String userHandle, int limit, int offset) {
        return jdbc.query("""
                SELECT p.owner, p.project_handle, p.project_id, p.public_read, m.role,
                       (SELECT count(*) FROM embedding_view e WHERE e.project_id = p.project_id)
                FROM project_member_view m JOIN project_view p ON p.project_id = m.project_id
                WHERE m.user_handle = ?
                ORDER BY p.owner, p.project_handle
                LIMIT ? OFFSET ?
                """, (rs, i) -> new ProjectSummary(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getBoolean(4), rs.getString(5), rs.getLong(6)), userHandle, limit, offset);
    }

    private long embeddingCount(long projectId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM embedding_view WHERE project_id = ?", Long.class,
                projectId);
        return count == null ? 0 : count;
    }

    /** The linked instance as {@code viewer} sees it; counts over the read models. */
    ProjectView.InstanceLink instanceLink(String owner, String handle, String viewer) {
        List<ProjectView.InstanceLink> found = jdbc.query("""
                SELECT i.instance_id,
                       CASE WHEN i.owner = ? THEN 'owner'
                            ELSE (SELECT s.role FROM instance_share_view s
                                  WHERE s.instance_id = i.instance_id AND s.user_handle = ?) END,
                       (SELECT count(*) FROM project_view p
                        WHERE p.instance_owner = i.owner AND p.instance_handle = i.instance_handle),
                       (SELECT count(*) FROM instance_share_view s WHERE s.instance_id = i.instance_id)
                FROM instance_view i WHERE i.owner = ? AND i.instance_handle = ?
                """, (rs, n) -> new ProjectView.InstanceLink(owner, handle, rs.getLong(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4)), viewer, viewer, owner, handle);
        return found.isEmpty() ? new ProjectView.InstanceLink(owner, handle, null, null, 0, 0) : found.get(0);
    }

    private ProjectDetails details(ResultSet rs) throws SQLException {
        long projectId = rs.getLong("project_id");
        return new ProjectDetails(projectId, rs.getString("owner"), rs.getString("project_handle"),
                rs.getString("description"), rs.getString("metadata_scheme"), rs.getString("instance_owner"),
                rs.getString("instance_handle"), rs.getBoolean("public_read"), members(projectId),
                embeddingCount(projectId));
    }
}
