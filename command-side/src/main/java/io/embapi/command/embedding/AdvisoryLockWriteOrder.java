package io.embapi.command.embedding;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link EmbeddingWriteOrder} with PostgreSQL transaction-scoped advisory locks. */
@Component
class AdvisoryLockWriteOrder implements EmbeddingWriteOrder {

    private final JdbcTemplate jdbc;

    AdvisoryLockWriteOrder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void writing(long projectId, List<String> textIds) {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(hashtextextended('project/' || ?::text, 0))", rs -> {
        }, projectId);
        jdbc.query("""
                SELECT pg_advisory_xact_lock(k) FROM (
                    SELECT DISTINCT hashtextextended(?::text || '/' || t, 0) AS k FROM unnest(?::text[]) AS t
                    ORDER BY k) keys
                """, rs -> {
                }, projectId, textIds.toArray(String[]::new));
    }

    @Override
    public boolean deleting(long projectId, String textId) {
        writing(projectId, List.of(textId));
        // A statement after the locks: under READ COMMITTED it sees every write that held them.
        Boolean stored = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM embedding_registry "
                + "WHERE project_id = ? AND text_id = ?)", Boolean.class, projectId, textId);
        return Boolean.TRUE.equals(stored);
    }

    @Override
    public void clearing(long projectId) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended('project/' || ?::text, 0))", rs -> {
        }, projectId);
    }

    @Override
    public void clearingProjectsOf(String owner) {
        jdbc.query("""
                SELECT pg_advisory_xact_lock(hashtextextended('project/' || project_id::text, 0))
                FROM (SELECT project_id FROM project_registry WHERE owner = ? ORDER BY project_id) projects
                """, rs -> {
                }, owner);
    }
}
