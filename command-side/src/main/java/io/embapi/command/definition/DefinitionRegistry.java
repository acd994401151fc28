package io.embapi.command.definition;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.definition.DefinitionChangedEvent;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionDeletedEvent;
import io.embapi.shared.definition.DefinitionSharedEvent;
import io.embapi.shared.definition.DefinitionUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code definition_registry} and {@code definition_share} lookup tables: live definitions by (owner, handle),
 * their API standard and public flag, and their shares. Written in the command's transaction; deleting a user drops
 * the user's definitions and shares.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.DEFINITION_REGISTRY)
class DefinitionRegistry implements DefinitionDirectory, DefinitionCatalog {

    private final JdbcTemplate jdbc;

    DefinitionRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> definitionIdOf(String owner, String definitionHandle) {
        List<Long> ids = jdbc.queryForList(
                "SELECT definition_id FROM definition_registry WHERE owner = ? AND definition_handle = ?",
                Long.class, owner, definitionHandle);
        return ids.stream().findFirst();
    }

    @Override
    public Optional<Long> find(String owner, String definitionHandle) {
        return definitionIdOf(owner, definitionHandle);
    }

    @Override
    public boolean usableBy(long definitionId, String userHandle) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM definition_registry d
                WHERE d.definition_id = ? AND (d.is_public OR d.owner = ? OR EXISTS (
                    SELECT 1 FROM definition_share s WHERE s.definition_id = d.definition_id AND s.user_handle = ?))
                """, Integer.class, definitionId, userHandle, userHandle);
        return count != null && count > 0;
    }

    @Override
    public long allocateDefinitionId() {
        Long id = jdbc.queryForObject("SELECT nextval('definition_id_seq')", Long.class);
        return id == null ? 0 : id;
    }

    @EventHandler
    void on(DefinitionCreatedEvent event) {
        jdbc.update("""
                INSERT INTO definition_registry (definition_id, owner, definition_handle, api_standard, is_public)
                VALUES (?, ?, ?, ?, ?)
                """, event.definitionId(), event.owner(), event.definitionHandle(), event.spec().apiStandard(),
                event.spec().isPublic());
    }

    @EventHandler
    void on(DefinitionChangedEvent event) {
        jdbc.update("UPDATE definition_registry SET api_standard = ?, is_public = ? WHERE definition_id = ?",
                event.spec().apiStandard(), event.spec().isPublic(), event.definitionId());
    }

    @EventHandler
    void on(DefinitionSharedEvent event) {
        jdbc.update("""
                INSERT INTO definition_share (definition_id, user_handle)
                SELECT ?, ? WHERE EXISTS (SELECT 1 FROM definition_registry WHERE definition_id = ?)
                ON CONFLICT DO NOTHING
                """, event.definitionId(), event.userHandle(), event.definitionId());
    }

    @EventHandler
    void on(DefinitionUnsharedEvent event) {
        jdbc.update("DELETE FROM definition_share WHERE definition_id = ? AND user_handle = ?",
                event.definitionId(), event.userHandle());
    }

    @EventHandler
    void on(DefinitionDeletedEvent event) {
        jdbc.update("DELETE FROM definition_registry WHERE definition_id = ?", event.definitionId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM definition_registry WHERE owner = ?", event.userHandle());
        jdbc.update("DELETE FROM definition_share WHERE user_handle = ?", event.userHandle());
    }
}
