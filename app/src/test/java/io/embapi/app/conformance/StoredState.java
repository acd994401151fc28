package io.embapi.app.conformance;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a refused request must leave untouched: the event store (count and head) and a digest of every row of every
 * table the service owns — read models, command-side lookups, key tables. Left out are the tables that change on
 * their own while nothing happens (processor tokens and their claims, the migration history).
 */
final class StoredState {

    private static final Set<String> MOVING = Set.of("tokenentry", "flyway_schema_history");

    private StoredState() {
    }

    /** Table name → digest, plus {@code events} (count) and {@code head} (highest global index). */
    static Map<String, String> capture(JdbcTemplate jdbc) {
        Map<String, String> state = new TreeMap<>();
        state.put("events", String.valueOf(events(jdbc)));
        state.put("head", String.valueOf(jdbc.queryForObject(
                "SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class)));
        List<String> tables = jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = "
                + "current_schema() ORDER BY tablename", String.class);
        for (String table : tables) {
            if (!MOVING.contains(table)) {
                state.put(table, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, "
                        + "chr(10) ORDER BY t::text), '')) FROM \"" + table + "\" t", String.class));
            }
        }
        return state;
    }

    /**
     * The state once background writers have caught up (the audit hash chain follows the event store on its own
     * thread): captured until two captures a moment apart agree.
     */
    static Map<String, String> settled(JdbcTemplate jdbc) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(capture(jdbc));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<String, String> now = capture(jdbc);
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    static long events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
