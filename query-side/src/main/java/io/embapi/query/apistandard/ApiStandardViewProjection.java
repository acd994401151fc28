package io.embapi.query.apistandard;

import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.apistandard.ApiStandardDeletedEvent;
import io.embapi.shared.apistandard.ApiStandardSavedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Projects API standard events into {@code api_standard_view} and answers the standard queries. */
@Component
@ProcessingGroup(QuerySideConfiguration.API_STANDARD_VIEW)
class ApiStandardViewProjection {

    private final JdbcTemplate jdbc;

    ApiStandardViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiStandardSavedEvent event, @SequenceNumber long version) {
        jdbc.update("""
                INSERT INTO api_standard_view (api_standard_handle, description, key_method, key_field, version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (api_standard_handle) DO UPDATE
                SET description = EXCLUDED.description, key_method = EXCLUDED.key_method,
                    key_field = EXCLUDED.key_field, version = EXCLUDED.version
                WHERE api_standard_view.version < EXCLUDED.version
                """, event.handle(), event.definition().description(), event.definition().keyMethod(),
                event.definition().keyField(), version);
    }

    @EventHandler
    void on(ApiStandardDeletedEvent event, @SequenceNumber long version) {
        jdbc.update("DELETE FROM api_standard_view WHERE api_standard_handle = ? AND version < ?",
                event.handle(), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE api_standard_view");
    }

    @QueryHandler
    Optional<ApiStandardView> handle(ApiStandardQueries.FindApiStandard query) {
        return jdbc.query("SELECT api_standard_handle, description, key_method, key_field FROM api_standard_view "
                        + "WHERE api_standard_handle = ?",
                (rs, i) -> new ApiStandardView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                query.handle()).stream().findFirst();
    }

    @QueryHandler
    List<ApiStandardView> handle(ApiStandardQueries.ListApiStandards query) {
        return jdbc.query("SELECT api_standard_handle, description, key_method, key_field FROM api_standard_view "
                        + "ORDER BY api_standard_handle LIMIT ? OFFSET ?",
                (rs, i) -> new ApiStandardView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                query.limit(), query.offset());
    }
}
