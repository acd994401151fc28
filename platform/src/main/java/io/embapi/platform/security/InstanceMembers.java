package io.embapi.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Users an instance named by {@code {user_handle}/{instance_handle}} is shared with, with their roles. */
@Component
class InstanceMembers implements MembershipSource {

    private final JdbcTemplate jdbc;

    InstanceMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean appliesTo(Map<String, String> pathValues) {
        return pathValues.containsKey("user_handle") && pathValues.containsKey("instance_handle");
    }

    @Override
    public List<Member> members(Map<String, String> pathValues, boolean editorsOnly) {
        return jdbc.query("""
                SELECT s.user_handle, u.key_hash, s.role
                FROM instance_registry i
                JOIN instance_share s ON s.instance_id = i.instance_id
                JOIN user_registry u ON u.user_handle = s.user_handle
                WHERE i.owner = ? AND i.instance_handle = ? AND u.key_hash IS NOT NULL
                  AND (NOT ? OR s.role = 'editor')
                ORDER BY s.user_handle
                """, (rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3)),
                pathValues.get("user_handle"), pathValues.get("instance_handle"), editorsOnly);
    }

    @Override
    public boolean isPublic(Map<String, String> pathValues) {
        return false;
    }
}
