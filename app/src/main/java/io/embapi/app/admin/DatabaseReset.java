package io.embapi.app.admin;

import io.embapi.platform.cache.TableChanges;
import io.embapi.platform.seed.Seeds;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wipes all data for test runs, keeping only the built-in seeds: projections are paused, every table but the
 * migration history and the processors' positions is emptied (the global event sequence keeps counting, so the
 * processors simply continue), id sequences restart as in the reference, and the seeds are registered again.
 */
@Component
public class DatabaseReset {

    private static final List<String> KEPT = List.of("flyway_schema_history", "tokenentry");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final Seeds seeds;
    private final TableChanges tableChanges;

    DatabaseReset(JdbcTemplate jdbc, TransactionTemplate transactions, EventProcessingConfiguration processing,
                  Seeds seeds, TableChanges tableChanges) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.processing = processing;
        this.seeds = seeds;
        this.tableChanges = tableChanges;
    }

    public void run() {
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            transactions.executeWithoutResult(status -> {
                List<String> tables = jdbc.queryForList(
                        "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()",
                        String.class).stream().filter(t -> !KEPT.contains(t)).toList();
                jdbc.execute("TRUNCATE " + String.join(", ", tables));
                jdbc.execute("ALTER SEQUENCE project_id_seq RESTART WITH 1");
                jdbc.execute("ALTER SEQUENCE instance_id_seq RESTART WITH 1");
                jdbc.execute("ALTER SEQUENCE definition_id_seq RESTART WITH 5");
            });
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
        seeds.runAll();
        tableChanges.catchUp();
    }
}
