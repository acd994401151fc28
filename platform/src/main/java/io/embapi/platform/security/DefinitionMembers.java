package io.embapi.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Users a definition named by {@code {user_handle}/{definition_handle}} is shared with (definitions have no roles),
 * from the command-side lookup tables; public definitions (the {@code _system} ones among them) are readable by all.
 */
@Component
class DefinitionMembers implements MembershipSource {

    private final JdbcTemplate jdbc;

    DefinitionMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean appliesTo(Map<String, String> pathValues) {
        return pathValues.containsKey("user_handle") && pathValues.containsKey("definition_handle");
    }

    @Override
    public List<Member> members(Map<String, String> pathValues, boolean editorsOnly) {
        return jdbc.query("""
                SELECT s.user_handle, u.key_hash
                FROM definition_registry d
                JOIN definition_share s ON s.definition_id = d.definition_id
                JOIN user_registry u ON u.user_handle = s.user_handle
                WHERE d.owner = ? AND d.definition_handle = ? AND u.key_hash IS NOT NULL
                ORDER BY s.user_handle
                """, (rs, i) -> new Member(rs.getString(1), rs.getString(2), "reader"),
                pathValues.get("user_handle"), pathValues.get("definition_handle"));
    }

    @Override
    public boolean isPublic(Map<String, String> pathValues) {
        List<Boolean> flags = jdbc.queryForList(
                "SELECT is_public FROM definition_registry WHERE owner = ? AND definition_handle = ?",
                Boolean.class, pathValues.get("user_handle"), pathValues.get("definition_handle"));
        return !flags.isEmpty() && flags.get(0);
    }
}
