package io.embapi.platform.security;

import io.embapi.platform.cache.ChangeAwareCache;
import io.embapi.platform.cache.TableChanges;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Members of the project named by {@code {user_handle}/{project_handle}}, from the command-side lookup tables
 * {@code project_registry} and {@code project_member} (current as of the last committed command), cached per node
 * like {@link CredentialDirectory}.
 */
@Component
class ProjectMembers implements MembershipSource {

    private static final Set<String> TABLES = Set.of("project_registry", "project_member", "user_registry");

    private final JdbcTemplate jdbc;
    private final ChangeAwareCache<ProjectKey, List<Member>> members;
    private final ChangeAwareCache<ProjectKey, Boolean> publicFlags;

    ProjectMembers(JdbcTemplate jdbc, TableChanges changes) {
        this.jdbc = jdbc;
        this.members = changes.cache("embapi.project.members", 10_000, TABLES);
        this.publicFlags = changes.cache("embapi.project.public", 10_000, TABLES);
    }

    private record ProjectKey(String owner, String project, boolean editorsOnly) {

        static ProjectKey of(Map<String, String> pathValues, boolean editorsOnly) {
            return new ProjectKey(pathValues.get("user_handle"), pathValues.get("project_handle"), editorsOnly);
        }
    }

    @Override
    public boolean appliesTo(Map<String, String> pathValues) {
        return pathValues.containsKey("user_handle") && pathValues.containsKey("project_handle");
    }

    @Override
    public List<Member> members(Map<String, String> pathValues, boolean editorsOnly) {
        return members.get(ProjectKey.of(pathValues, editorsOnly), this::readMembers);
    }

    private List<Member> readMembers(ProjectKey key) {
        return List.copyOf(jdbc.query("""
                SELECT m.user_handle, u.key_hash, m.role
                FROM project_registry p
                JOIN project_member m ON m.project_id = p.project_id
                JOIN user_registry u ON u.user_handle = m.user_handle
                WHERE p.owner = ? AND p.project_handle = ? AND u.key_hash IS NOT NULL
                  AND (NOT ? OR m.role IN ('owner', 'editor'))
                ORDER BY m.user_handle
                """, (rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3)),
                key.owner(), key.project(), key.editorsOnly()));
    }

    @Override
    public boolean isPublic(Map<String, String> pathValues) {
        return publicFlags.get(ProjectKey.of(pathValues, false), this::readPublic);
    }

    private Boolean readPublic(ProjectKey key) {
        List<Boolean> flags = jdbc.queryForList(
                "SELECT public_read FROM project_registry WHERE owner = ? AND project_handle = ?",
                Boolean.class, key.owner(), key.project());
        return !flags.isEmpty() && flags.get(0);
    }
}
