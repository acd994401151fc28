package io.embapi.query.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code user_view}. Writes are version-guarded, so replaying an event twice changes nothing. */
@Repository
class UserViewRepository {

    private final JdbcTemplate jdbc;

    UserViewRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void register(String handle, String name, String email, String keyHash, Instant at, long version) {
        jdbc.update("""
                INSERT INTO user_view (user_handle, name, email, key_hash, registered_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_handle) DO UPDATE
                SET name = EXCLUDED.name, email = EXCLUDED.email, key_hash = EXCLUDED.key_hash,
                    registered_at = EXCLUDED.registered_at, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
                WHERE user_view.version < EXCLUDED.version
                """, handle, name, email, keyHash, Timestamp.from(at), Timestamp.from(at), version);
    }

    void changeProfile(String handle, String name, String email, Instant at, long version) {
        jdbc.update("UPDATE user_view SET name = ?, email = ?, updated_at = ?, version = ? "
                + "WHERE user_handle = ? AND version < ?", name, email, Timestamp.from(at), version, handle, version);
    }

    void changeKey(String handle, String keyHash, Instant at, long version) {
        jdbc.update("UPDATE user_view SET key_hash = ?, updated_at = ?, version = ? "
                + "WHERE user_handle = ? AND version < ?", keyHash, Timestamp.from(at), version, handle, version);
    }

    void delete(String handle, long version) {
        jdbc.update("DELETE FROM user_view WHERE user_handle = ? AND version < ?", handle, version);
    }

    void deleteAll() {
        jdbc.update("TRUNCATE user_view");
    }

    Optional<UserDetails> find(String handle) {
        return jdbc.query("SELECT user_handle, name, email, key_hash FROM user_view WHERE user_handle = ?",
                (rs, i) -> new UserDetails(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : rs.getString(4).trim(), projectsOf(handle), List.of()),
                handle).stream().findFirst();
    }

    /** The user's project memberships (owned and shared), by project handle, at most 1,000 as in the reference. */
    private List<UserDetails.ProjectMembership> projectsOf(String handle) {
        return jdbc.query("""
                SELECT p.project_handle, p.owner, m.role
                FROM project_member_view m JOIN project_view p ON p.project_id = m.project_id
                WHERE m.user_handle = ?
                ORDER BY p.project_handle, p.owner
                LIMIT 1000
                """, (rs, i) -> new UserDetails.ProjectMembership(rs.getString(1), rs.getString(2), rs.getString(3)),
                handle);
    }

    List<UserSummary> list(int limit, int offset) {
        return jdbc.query("""
                SELECT u.user_handle, u.name,
                       (SELECT count(*) FROM project_view p WHERE p.owner = u.user_handle) AS number_of_projects,
                       (SELECT count(*) FROM definition_view d WHERE d.owner = u.user_handle)
                           AS number_of_definitions,
                       (SELECT count(*) FROM instance_view i WHERE i.owner = u.user_handle) AS number_of_instances
                FROM user_view u
                ORDER BY u.user_handle
                LIMIT ? OFFSET ?
                """, (rs, i) -> new UserSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                rs.getInt(5)), limit, offset);
    }
}
