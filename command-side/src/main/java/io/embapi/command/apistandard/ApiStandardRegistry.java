package io.embapi.command.apistandard;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.shared.apistandard.ApiStandardDeletedEvent;
import io.embapi.shared.apistandard.ApiStandardSavedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code api_standard_registry} lookup table (which standards exist), written in the command's transaction. */
@Component
@ProcessingGroup(CommandSideConfiguration.API_STANDARD_REGISTRY)
class ApiStandardRegistry implements ApiStandardUsage {

    private final JdbcTemplate jdbc;

    ApiStandardRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean usedByDefinitions(String handle) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM definition_registry WHERE api_standard = ?",
                Integer.class, handle);
        return count != null && count > 0;
    }

    @Override
    public boolean exists(String handle) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM api_standard_registry WHERE api_standard_handle = ?", Integer.class, handle);
        return count != null && count > 0;
    }

    @EventHandler
    void on(ApiStandardSavedEvent event) {
        jdbc.update("INSERT INTO api_standard_registry (api_standard_handle) VALUES (?) ON CONFLICT DO NOTHING",
                event.handle());
    }

    @EventHandler
    void on(ApiStandardDeletedEvent event) {
        jdbc.update("DELETE FROM api_standard_registry WHERE api_standard_handle = ?", event.handle());
    }
}
