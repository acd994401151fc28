package io.embapi.query.definition;

import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.definition.DefinitionChangedEvent;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionDeletedEvent;
import io.embapi.shared.definition.DefinitionSharedEvent;
import io.embapi.shared.definition.DefinitionSpec;
import io.embapi.shared.definition.DefinitionUnsharedEvent;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserDeletedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects definition events into {@code definition_view} and {@code definition_share_view}, and answers the
 * definition queries. Every change first advances the definition's version, so replays are idempotent.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.DEFINITION_VIEW)
class DefinitionViewProjection {

    private final JdbcTemplate jdbc;

    DefinitionViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DefinitionCreatedEvent event, @SequenceNumber long version) {
        DefinitionSpec s = event.spec();
        jdbc.update("""
                INSERT INTO definition_view (definition_id, owner, definition_handle, endpoint, description,
                    api_standard, model, dimensions, context_limit, is_public, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (definition_id) DO NOTHING
                """, event.definitionId(), event.owner(), event.definitionHandle(), s.endpoint(), s.description(),
                s.apiStandard(), s.model(), dimensions(s), s.contextLimit(), s.isPublic(), version);
    }

    @EventHandler
    void on(DefinitionChangedEvent event, @SequenceNumber long version) {
        DefinitionSpec s = event.spec();
        jdbc.update("""
                UPDATE definition_view SET endpoint = ?, description = ?, api_standard = ?, model = ?, dimensions = ?,
                    context_limit = ?, is_public = ?, version = ?
                WHERE definition_id = ? AND version < ?
                """, s.endpoint(), s.description(), s.apiStandard(), s.model(), dimensions(s), s.contextLimit(),
                s.isPublic(), version, event.definitionId(), version);
    }

    @EventHandler
    void on(DefinitionSharedEvent event, @SequenceNumber long version) {
        if (advance(event.definitionId(), version)) {
            jdbc.update("INSERT INTO definition_share_view (definition_id, user_handle) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING", event.definitionId(), event.userHandle());
        }
    }

    @EventHandler
    void on(DefinitionUnsharedEvent event, @SequenceNumber long version) {
        if (advance(event.definitionId(), version)) {
            jdbc.update("DELETE FROM definition_share_view WHERE definition_id = ? AND user_handle = ?",
                    event.definitionId(), event.userHandle());
        }
    }

    @EventHandler
    void on(DefinitionDeletedEvent event) {
        jdbc.update("DELETE FROM definition_view WHERE definition_id = ?", event.definitionId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM definition_view WHERE owner = ?", event.userHandle());
        jdbc.update("DELETE FROM definition_share_view WHERE user_handle = ?", event.userHandle());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE definition_view, definition_share_view");
    }

    private boolean advance(long definitionId, long version) {
        return jdbc.update("UPDATE definition_view SET version = ? WHERE definition_id = ? AND version < ?",
                version, definitionId, version) == 1;
    }

    @QueryHandler
    Optional<DefinitionView> handle(DefinitionQueries.FindDefinition query) {
        return jdbc.query("""
                SELECT definition_id, definition_handle, owner, endpoint, description, api_standard, model,
                       dimensions, context_limit, is_public
                FROM definition_view WHERE owner = ? AND definition_handle = ?
                """, (rs, i) -> new DefinitionView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10)),
                query.owner(), query.definitionHandle()).stream().findFirst();
    }

    @QueryHandler
    List<DefinitionSummary> handle(DefinitionQueries.ListUsableDefinitions query) {
        return jdbc.query("""
                SELECT d.definition_id, d.definition_handle, d.owner, d.is_public,
                       (SELECT count(*) FROM instance_view i WHERE i.definition_id = d.definition_id)
                FROM definition_view d
                WHERE d.owner = ? OR d.owner = ?
                   OR EXISTS (SELECT 1 FROM definition_share_view s
                              WHERE s.definition_id = d.definition_id AND s.user_handle = ?)
                ORDER BY d.owner, d.definition_handle
                LIMIT ? OFFSET ?
                """, (rs, i) -> new DefinitionSummary(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getBoolean(4), rs.getLong(5)), query.userHandle(), SystemUser.HANDLE, query.userHandle(),
                query.limit(),
                query.offset());
    }

    @QueryHandler
    List<String> handle(DefinitionQueries.ListDefinitionShares query) {
        return jdbc.queryForList("""
                SELECT s.user_handle FROM definition_share_view s
                JOIN definition_view d ON d.definition_id = s.definition_id
                WHERE d.owner = ? AND d.definition_handle = ? AND s.user_handle <> '*'
                ORDER BY s.user_handle LIMIT ? OFFSET ?
                """, String.class, query.owner(), query.definitionHandle(), query.limit(), query.offset());
    }

    /** The view keeps the reference's 0 for an unknown vector size (the API leaves it out). */
    private static int dimensions(DefinitionSpec spec) {
        return spec.dimensions() == null ? 0 : spec.dimensions();
    }
}
