package io.embapi.command.auditor;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.auditor.AuditorGrantedEvent;
import io.embapi.shared.auditor.AuditorRevokedEvent;
import io.embapi.shared.metadata.MetadataKeys;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code auditor_registry} lookup table: active auditors with their key hash (read by the AUDITOR step of
 * authentication, {@code platform/…/security/AuditorAuthenticator}). Updated in the command's transaction, so a
 * revoked key is refused from the moment the revocation commits.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.AUDITOR_REGISTRY)
class AuditorRegistry {

    private final JdbcTemplate jdbc;

    AuditorRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An active auditor as the admin sees it (never the key or its hash). */
    record Entry(String auditorHandle, Instant grantedAt, String grantedBy) {
    }

    List<Entry> active() {
        return jdbc.query("SELECT auditor_handle, granted_at, granted_by FROM auditor_registry "
                        + "ORDER BY auditor_handle",
                (rs, i) -> new Entry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
    }

    @EventHandler
    void on(AuditorGrantedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                INSERT INTO auditor_registry (auditor_handle, key_hash, granted_at, granted_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (auditor_handle) DO UPDATE
                SET key_hash = EXCLUDED.key_hash, granted_at = EXCLUDED.granted_at, granted_by = EXCLUDED.granted_by
                """, event.auditorHandle(), event.keyHash(), java.sql.Timestamp.from(at),
                actor == null ? "system" : actor);
    }

    @EventHandler
    void on(AuditorRevokedEvent event) {
        jdbc.update("DELETE FROM auditor_registry WHERE auditor_handle = ?", event.auditorHandle());
    }
}
