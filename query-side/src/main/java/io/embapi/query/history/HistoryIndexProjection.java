package io.embapi.query.history;

import io.embapi.platform.axon.EventPositions;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.user.UserDeletedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes the event history for the history and as_of reads: {@code project_name_history} (which project an
 * owner/handle named when) and {@code embedding_event_index} (which events touched which embedding; uploads live in
 * per-batch streams, so without it one embedding's events could only be found by reading every batch). Rows carry
 * the event's global index; a replay from an empty index rebuilds the same rows.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.HISTORY_INDEX)
class HistoryIndexProjection {

    private final JdbcTemplate jdbc;
    private final EventPositions positions;

    HistoryIndexProjection(JdbcTemplate jdbc, EventPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        openName(event.projectId(), event.owner(), event.projectHandle(), positions.globalIndexOf(message), at);
    }

    @EventHandler
    void on(ProjectOwnershipTransferredEvent event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        long position = positions.globalIndexOf(message);
        closeName(event.projectId(), position, at);
        openName(event.projectId(), event.newOwner(), event.projectHandle(), position, at);
    }

    @EventHandler
    void on(ProjectDeletedEvent event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        long position = positions.globalIndexOf(message);
        closeName(event.projectId(), position, at);
        index(event.projectId(), null, position, at, "project-deleted");
    }

    /** Deleting a user deletes the projects the user owns at that moment, and with them their embeddings. */
    @EventHandler
    void on(UserDeletedEvent event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        long position = positions.globalIndexOf(message);
        List<Long> owned = jdbc.queryForList("SELECT project_id FROM project_name_history "
                + "WHERE owner = ? AND until_index IS NULL", Long.class, event.userHandle());
        for (long projectId : owned) {
            closeName(projectId, position, at);
            index(projectId, null, position, at, "project-deleted");
        }
    }

    @EventHandler
    void on(EmbeddingsUpsertedEvent event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        long position = positions.globalIndexOf(message);
        Timestamp time = Timestamp.from(at);
        jdbc.batchUpdate("""
                INSERT INTO embedding_event_index (project_id, text_id, global_index, at, kind)
                VALUES (?, ?, ?, ?, 'upserted') ON CONFLICT DO NOTHING
                """, event.embeddings(), 500, (ps, record) -> {
                    ps.setLong(1, event.projectId());
                    ps.setString(2, record.textId());
                    ps.setLong(3, position);
                    ps.setTimestamp(4, time);
                });
    }

    @EventHandler
    void on(EmbeddingDeletedEvent event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        index(event.projectId(), event.textId(), positions.globalIndexOf(message), at, "deleted");
    }

    @EventHandler
    void on(AllEmbeddingsDeletedEvent event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        index(event.projectId(), null, positions.globalIndexOf(message), at, "all-deleted");
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE project_name_history, embedding_event_index");
    }

    private void openName(long projectId, String owner, String handle, long position, Instant at) {
        jdbc.update("""
                INSERT INTO project_name_history (project_id, owner, project_handle, from_index, from_time)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, projectId, owner, handle, position, Timestamp.from(at));
    }

    private void closeName(long projectId, long position, Instant at) {
        jdbc.update("UPDATE project_name_history SET until_index = ?, until_time = ? "
                + "WHERE project_id = ? AND until_index IS NULL AND from_index < ?",
                position, Timestamp.from(at), projectId, position);
    }

    private void index(long projectId, String textId, long position, Instant at, String kind) {
        jdbc.update("""
                INSERT INTO embedding_event_index (project_id, text_id, global_index, at, kind)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, projectId, textId, position, Timestamp.from(at), kind);
    }
}
