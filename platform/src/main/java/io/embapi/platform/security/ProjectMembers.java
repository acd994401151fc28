package io.embapi.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Members of the project named by {@code {user_handle}/{project_handle}}, from the command-side lookup tables
 * {@code project_registry} and {@code project_member} (current as of the last committed command).
 */
@Component
class ProjectMembers implements MembershipSource {

    private final JdbcTemplate jdbc;

    ProjectMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean appliesTo(Map<String, String> pathValues) {
        return pathValues.containsKey("user_handle") && pathValues.containsKey("project_handle");
    }

    @Override
    public List<Member> members(Map<String, String> pathValues, boolean editorsOnly) {
        return jdbc.query("""
                SELECT m.user_handle, u.key_hash, m.role
                FROM project_registry p
                JOIN project_member m ON m.project_id = p.project_id
                JOIN user_registry u ON u.user_handle = m.user_handle
                WHERE p.owner = ? AND p.project_handle = ? AND u.key_hash IS NOT NULL
                  AND (NOT ? OR m.role IN ('owner', 'editor'))
                ORDER BY m.user_handle
                """, (rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3)),
                pathValues.get("user_handle"), pathValues.get("project_handle"), editorsOnly);
    }

    @Override
    public boolean isPublic(Map<String, String> pathValues) {
        List<Boolean> flags = jdbc.queryForList(
                "SELECT public_read FROM project_registry WHERE owner = ? AND project_handle = ?",
                Boolean.class, pathValues.get("user_handle"), pathValues.get("project_handle"));
        return !flags.isEmpty() && flags.get(0);
    }
}
