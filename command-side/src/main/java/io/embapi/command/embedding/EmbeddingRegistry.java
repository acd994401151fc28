package io.embapi.command.embedding;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code embedding_registry} lookup table: the current text and metadata of every embedding, written in the
 * command's transaction, and the project facts an upload is checked against.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.EMBEDDING_REGISTRY)
class EmbeddingRegistry {

    private final JdbcTemplate jdbc;

    EmbeddingRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an upload into a project is checked against. */
    record ProjectContext(long projectId, String owner, String projectHandle, String instanceOwner,
                          String instanceHandle, boolean instanceExists, Integer dimensions, String metadataScheme) {
    }

    /** A stored embedding's text and metadata. */
    record Stored(String textId, String text, String metadata) {
    }

    Optional<ProjectContext> project(long projectId) {
        return jdbc.query("""
                SELECT p.project_id, p.owner, p.project_handle, p.instance_owner, p.instance_handle,
                       i.instance_id IS NOT NULL, i.dimensions, p.metadata_scheme
                FROM project_registry p
                LEFT JOIN instance_registry i ON i.owner = p.instance_owner AND i.instance_handle = p.instance_handle
                WHERE p.project_id = ?
                """, (rs, n) -> new ProjectContext(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), (Integer) rs.getObject(7), rs.getString(8)), projectId)
                .stream().findFirst();
    }

    /**
     * The stored state of these embeddings. Call it under {@link EmbeddingWriteOrder#writing}: the locks make
     * concurrent batches touching the same ids queue (and never merge onto a stale state), while batches on other ids
     * run in parallel.
     */
    Map<String, Stored> stored(long projectId, List<String> textIds) {
        return jdbc.query("""
                SELECT text_id, text, metadata::text FROM embedding_registry
                WHERE project_id = ? AND text_id = ANY (?)
                """, (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)), projectId,
                textIds.toArray(String[]::new))
                .stream().collect(Collectors.toMap(Stored::textId, Function.identity()));
    }

    boolean exists(long projectId, String textId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM embedding_registry WHERE project_id = ? AND text_id = ?", Integer.class,
                projectId, textId);
        return count != null && count > 0;
    }

    @EventHandler
    void on(EmbeddingsUpsertedEvent event) {
        jdbc.batchUpdate("""
                INSERT INTO embedding_registry (project_id, text_id, text, metadata, vector_dim)
                VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (project_id, text_id) DO UPDATE
                SET text = EXCLUDED.text, metadata = EXCLUDED.metadata, vector_dim = EXCLUDED.vector_dim
                """, event.embeddings(), 500, (ps, record) -> {
                    ps.setLong(1, event.projectId());
                    ps.setString(2, record.textId());
                    ps.setString(3, record.text());
                    ps.setString(4, record.metadata());
                    ps.setInt(5, record.dimensions());
                });
    }

    @EventHandler
    void on(EmbeddingDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_registry WHERE project_id = ? AND text_id = ?", event.projectId(),
                event.textId());
    }

    @EventHandler
    void on(AllEmbeddingsDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_registry WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_registry WHERE project_id = ?", event.projectId());
    }
}
