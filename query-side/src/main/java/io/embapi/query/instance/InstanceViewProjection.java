package io.embapi.query.instance;

import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.instance.InstanceChangedEvent;
import io.embapi.shared.instance.InstanceCreatedEvent;
import io.embapi.shared.instance.InstanceDeletedEvent;
import io.embapi.shared.instance.InstanceSharedEvent;
import io.embapi.shared.instance.InstanceSpec;
import io.embapi.shared.instance.InstanceUnsharedEvent;
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
 * Projects instance events into {@code instance_view} and {@code instance_share_view} and answers instance queries.
 * Only whether a provider key exists reaches the read model, never the (sealed) key.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.INSTANCE_VIEW)
class InstanceViewProjection {

    private static final String VIEW_COLUMNS = """
            i.owner, i.instance_handle, i.instance_id, i.definition_id, d.owner, d.definition_handle, i.endpoint,
            i.description, i.has_api_key, i.api_standard, i.model, i.dimensions, i.context_limit
            """;

    private final JdbcTemplate jdbc;

    InstanceViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InstanceCreatedEvent event, @SequenceNumber long version) {
        InstanceSpec s = event.spec();
        jdbc.update("""
                INSERT INTO instance_view (instance_id, owner, instance_handle, definition_id, endpoint, description,
                    api_standard, model, dimensions, context_limit, has_api_key, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instance_id) DO NOTHING
                """, event.instanceId(), event.owner(), event.instanceHandle(), s.definitionId(), s.endpoint(),
                s.description(), s.apiStandard(), s.model(), s.dimensions(), s.contextLimit(), event.apiKey() != null,
                version);
    }

    @EventHandler
    void on(InstanceChangedEvent event, @SequenceNumber long version) {
        InstanceSpec s = event.spec();
        jdbc.update("""
                UPDATE instance_view SET definition_id = ?, endpoint = ?, description = ?, api_standard = ?, model = ?,
                    dimensions = ?, context_limit = ?, has_api_key = ?, version = ?
                WHERE instance_id = ? AND version < ?
                """, s.definitionId(), s.endpoint(), s.description(), s.apiStandard(), s.model(), s.dimensions(),
                s.contextLimit(), event.apiKey() != null, version, event.instanceId(), version);
    }

    @EventHandler
    void on(InstanceSharedEvent event, @SequenceNumber long version) {
        if (advance(event.instanceId(), version)) {
            jdbc.update("""
                    INSERT INTO instance_share_view (instance_id, user_handle, role) VALUES (?, ?, ?)
                    ON CONFLICT (instance_id, user_handle) DO UPDATE SET role = EXCLUDED.role
                    """, event.instanceId(), event.userHandle(), event.role());
        }
    }

    @EventHandler
    void on(InstanceUnsharedEvent event, @SequenceNumber long version) {
        if (advance(event.instanceId(), version)) {
            jdbc.update("DELETE FROM instance_share_view WHERE instance_id = ? AND user_handle = ?",
                    event.instanceId(), event.userHandle());
        }
    }

    @EventHandler
    void on(InstanceDeletedEvent event) {
        jdbc.update("DELETE FROM instance_view WHERE instance_id = ?", event.instanceId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM instance_view WHERE owner = ?", event.userHandle());
        jdbc.update("DELETE FROM instance_share_view WHERE user_handle = ?", event.userHandle());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE instance_view, instance_share_view");
    }

    private boolean advance(long instanceId, long version) {
        return jdbc.update("UPDATE instance_view SET version = ? WHERE instance_id = ? AND version < ?",
                version, instanceId, version) == 1;
    }

    @QueryHandler
    Optional<InstanceView> handle(InstanceQueries.FindInstance query) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + """
                        , CASE WHEN i.owner = ? THEN 'owner'
                               ELSE (SELECT s.role FROM instance_share_view s
                                     WHERE s.instance_id = i.instance_id AND s.user_handle = ?) END
                        FROM instance_view i LEFT JOIN definition_view d ON d.definition_id = i.definition_id
                        WHERE i.owner = ? AND i.instance_handle = ?
                        """, (rs, n) -> new InstanceView(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(14), (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getBoolean(9), rs.getString(10), rs.getString(11),
                        (Integer) rs.getObject(12), rs.getInt(13)),
                query.viewer(), query.viewer(), query.owner(), query.instanceHandle()).stream().findFirst();
    }

    @QueryHandler
    List<InstanceSummary> handle(InstanceQueries.ListAccessibleInstances query) {
        return jdbc.query("""
                SELECT i.owner, i.instance_handle, i.instance_id,
                       CASE WHEN i.owner = ? THEN 'owner' ELSE s.role END,
                       (SELECT count(*) FROM project_view p
                        WHERE p.instance_owner = i.owner AND p.instance_handle = i.instance_handle),
                       (SELECT count(*) FROM instance_share_view x WHERE x.instance_id = i.instance_id)
                FROM instance_view i
                LEFT JOIN instance_share_view s ON s.instance_id = i.instance_id AND s.user_handle = ?
                WHERE i.owner = ? OR s.user_handle IS NOT NULL
                ORDER BY i.owner, i.instance_handle
                LIMIT ? OFFSET ?
                """, (rs, n) -> new InstanceSummary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getLong(5), rs.getLong(6)), query.userHandle(), query.userHandle(), query.userHandle(),
                query.limit(), query.offset());
    }

    @QueryHandler
    List<InstanceQueries.Share> handle(InstanceQueries.ListInstanceShares query) {
        return jdbc.query("""
                SELECT s.user_handle, s.role FROM instance_share_view s
                JOIN instance_view i ON i.instance_id = s.instance_id
                WHERE i.owner = ? AND i.instance_handle = ?
                ORDER BY s.user_handle LIMIT ? OFFSET ?
                """, (rs, n) -> new InstanceQueries.Share(rs.getString(1), rs.getString(2)), query.owner(),
                query.instanceHandle(), query.limit(), query.offset());
    }
}
