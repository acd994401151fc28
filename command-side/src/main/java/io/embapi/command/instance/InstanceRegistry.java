package io.embapi.command.instance;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.instance.InstanceChangedEvent;
import io.embapi.shared.instance.InstanceCreatedEvent;
import io.embapi.shared.instance.InstanceDeletedEvent;
import io.embapi.shared.instance.InstanceSharedEvent;
import io.embapi.shared.instance.InstanceUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code instance_registry} and {@code instance_share} lookup tables: live instances by (owner, handle) with
 * their dimensions, and their shares. Written in the command's transaction; deleting a user drops the user's
 * instances and shares.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.INSTANCE_REGISTRY)
class InstanceRegistry implements InstanceDirectory {

    private final JdbcTemplate jdbc;

    InstanceRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> instanceIdOf(String owner, String instanceHandle) {
        List<Long> ids = jdbc.queryForList(
                "SELECT instance_id FROM instance_registry WHERE owner = ? AND instance_handle = ?",
                Long.class, owner, instanceHandle);
        return ids.stream().findFirst();
    }

    @Override
    public long allocateInstanceId() {
        Long id = jdbc.queryForObject("SELECT nextval('instance_id_seq')", Long.class);
        return id == null ? 0 : id;
    }

    @Override
    public boolean usedByProjects(String owner, String instanceHandle) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM project_registry WHERE instance_owner = ? AND instance_handle = ?",
                Integer.class, owner, instanceHandle);
        return count != null && count > 0;
    }

    @EventHandler
    void on(InstanceCreatedEvent event) {
        jdbc.update("INSERT INTO instance_registry (instance_id, owner, instance_handle, dimensions) "
                        + "VALUES (?, ?, ?, ?)", event.instanceId(), event.owner(), event.instanceHandle(),
                event.spec().dimensions());
    }

    @EventHandler
    void on(InstanceChangedEvent event) {
        jdbc.update("UPDATE instance_registry SET dimensions = ? WHERE instance_id = ?",
                event.spec().dimensions(), event.instanceId());
    }

    @EventHandler
    void on(InstanceSharedEvent event) {
        jdbc.update("""
                INSERT INTO instance_share (instance_id, user_handle, role)
                SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM instance_registry WHERE instance_id = ?)
                ON CONFLICT (instance_id, user_handle) DO UPDATE SET role = EXCLUDED.role
                """, event.instanceId(), event.userHandle(), event.role(), event.instanceId());
    }

    @EventHandler
    void on(InstanceUnsharedEvent event) {
        jdbc.update("DELETE FROM instance_share WHERE instance_id = ? AND user_handle = ?",
                event.instanceId(), event.userHandle());
    }

    @EventHandler
    void on(InstanceDeletedEvent event) {
        jdbc.update("DELETE FROM instance_registry WHERE instance_id = ?", event.instanceId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM instance_registry WHERE owner = ?", event.userHandle());
        jdbc.update("DELETE FROM instance_share WHERE user_handle = ?", event.userHandle());
    }
}
