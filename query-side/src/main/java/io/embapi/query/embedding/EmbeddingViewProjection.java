package io.embapi.query.embedding;

import io.embapi.platform.axon.EventPositions;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.query.similar.SearchIndexes;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.vector.VectorCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects embedding events into {@code embedding_view}: vectors as {@code halfvec} (rounded to half precision by
 * pgvector; the events keep float32), metadata as {@code jsonb}. Each row remembers the event position it came
 * from (its global index in the event store, not the tracking position, which a gap-filling event does not carry), so
 * replaying an older batch never overwrites a newer one.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.EMBEDDING_VIEW)
class EmbeddingViewProjection {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final SearchIndexes searchIndexes;
    private final EventPositions positions;

    EmbeddingViewProjection(JdbcTemplate jdbc, SearchIndexes searchIndexes, EventPositions positions) {
        this.jdbc = jdbc;
        this.searchIndexes = searchIndexes;
        this.positions = positions;
    }

    @EventHandler
    void on(EmbeddingsUpsertedEvent event, EventMessage<?> message, @Timestamp Instant at) {
        long position = positions.globalIndexOf(message);
        jdbc.batchUpdate("""
                INSERT INTO embedding_view (project_id, text_id, text, vector, vector_dim, metadata, updated_at,
                    position)
                VALUES (?, ?, ?, ?::halfvec, ?, ?::jsonb, ?, ?)
                ON CONFLICT (project_id, text_id) DO UPDATE
                SET text = EXCLUDED.text, vector = EXCLUDED.vector, vector_dim = EXCLUDED.vector_dim,
                    metadata = EXCLUDED.metadata, updated_at = EXCLUDED.updated_at, position = EXCLUDED.position
                WHERE embedding_view.position <= EXCLUDED.position
                """, event.embeddings(), 500, (ps, record) -> {
                    ps.setLong(1, event.projectId());
                    ps.setString(2, record.textId());
                    ps.setString(3, record.text());
                    ps.setString(4, VectorCodec.pgvectorText(VectorCodec.decode(record.vector())));
                    ps.setInt(5, record.dimensions());
                    ps.setString(6, record.metadata());
                    ps.setTimestamp(7, java.sql.Timestamp.from(at));
                    ps.setLong(8, position);
                });
    }

    @EventHandler
    void on(EmbeddingDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_view WHERE project_id = ? AND text_id = ?", event.projectId(),
                event.textId());
    }

    @EventHandler
    void on(AllEmbeddingsDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_view WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_view WHERE project_id = ?", event.projectId());
        jdbc.update("DELETE FROM embedding_project_owner WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        jdbc.update("INSERT INTO embedding_project_owner (project_id, owner) VALUES (?, ?) "
                + "ON CONFLICT (project_id) DO UPDATE SET owner = EXCLUDED.owner", event.projectId(), event.owner());
    }

    @EventHandler
    void on(ProjectOwnershipTransferredEvent event) {
        jdbc.update("UPDATE embedding_project_owner SET owner = ? WHERE project_id = ?", event.newOwner(),
                event.projectId());
    }

    /** Deleting a user deletes the user's projects, and with them their embeddings. */
    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM embedding_view WHERE project_id IN "
                + "(SELECT project_id FROM embedding_project_owner WHERE owner = ?)", event.userHandle());
        jdbc.update("DELETE FROM embedding_project_owner WHERE owner = ?", event.userHandle());
    }

    /**
     * A replay starts from an empty view; the HNSW indexes go too and are built again in bulk once the replay is
     * done (SearchIndexes), which is several times faster than growing each graph row by row.
     */
    @ResetHandler
    void reset() {
        searchIndexes.dropAll();
        jdbc.update("TRUNCATE embedding_view, embedding_project_owner");
    }

    @QueryHandler
    Optional<EmbeddingQueries.ProjectRef> handle(EmbeddingQueries.FindProject query) {
        return jdbc.query("SELECT project_id, owner, project_handle, instance_handle FROM project_view "
                        + "WHERE owner = ? AND project_handle = ?",
                (rs, n) -> new EmbeddingQueries.ProjectRef(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)), query.owner(), query.projectHandle()).stream().findFirst();
    }

    @QueryHandler
    List<StoredEmbedding> handle(EmbeddingQueries.ListEmbeddings query) {
        return jdbc.query("SELECT text_id, text, vector::text, vector_dim, metadata::text FROM embedding_view "
                        + "WHERE project_id = ? ORDER BY text_id LIMIT ? OFFSET ?",
                (rs, n) -> stored(rs), query.projectId(), query.limit(), query.offset());
    }

    @QueryHandler
    Optional<StoredEmbedding> handle(EmbeddingQueries.FindEmbedding query) {
        return jdbc.query("SELECT text_id, text, vector::text, vector_dim, metadata::text FROM embedding_view "
                        + "WHERE project_id = ? AND text_id = ?",
                (rs, n) -> stored(rs), query.projectId(), query.textId()).stream().findFirst();
    }

    /** A row of {@code embedding_view}. */
    record StoredEmbedding(String textId, String text, float[] vector, int vectorDim, Map<String, Object> metadata) {
    }

    private static StoredEmbedding stored(ResultSet rs) throws SQLException {
        return stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5));
    }

    /** A row from its text forms: the vector as pgvector text, the metadata as JSON (or {@code null}). */
    static StoredEmbedding stored(String textId, String text, String vector, int vectorDim, String metadata) {
        return new StoredEmbedding(textId, text, parse(vector), vectorDim,
                metadata == null ? null : JSON.readValue(metadata, OBJECT));
    }

    static float[] parse(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
