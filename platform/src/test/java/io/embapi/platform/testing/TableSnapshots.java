package io.embapi.platform.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row-for-row snapshots of a database's tables, for tests that prove two databases (or one database at two moments)
 * hold the same state: each row as PostgreSQL's text form of the whole row, sorted, per table.
 */
public final class TableSnapshots {

    private TableSnapshots() {
    }

    /** Every table of the current schema except {@code excluded}, row for row. */
    public static Map<String, List<String>> of(JdbcTemplate jdbc, Collection<String> excluded) {
        Map<String, List<String>> snapshot = new TreeMap<>();
        for (String table : tables(jdbc)) {
            if (!excluded.contains(table)) {
                snapshot.put(table, rows(jdbc, table));
            }
        }
        return snapshot;
    }

    /** The tables of the current schema. */
    public static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                + "ORDER BY tablename", String.class);
    }

    /** One table's rows as text, sorted. */
    public static List<String> rows(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("SELECT r FROM (SELECT t::text AS r FROM " + quote(table) + " t) s "
                + "ORDER BY r COLLATE \"C\"", String.class);
    }

    /** What differs between two snapshots, table by table (at most a few rows each); empty when they are equal. */
    public static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(actual.keySet());
        for (String table : tables) {
            List<String> want = expected.get(table);
            List<String> have = actual.get(table);
            if (Objects.equals(want, have)) {
                continue;
            }
            if (want == null || have == null) {
                differences.add(table + ": only in " + (want == null ? "actual" : "expected"));
                continue;
            }
            List<String> missing = new ArrayList<>(want);
            missing.removeAll(have);
            List<String> extra = new ArrayList<>(have);
            extra.removeAll(want);
            differences.add(table + ": " + want.size() + " rows expected, " + have.size() + " found; missing "
                    + head(missing) + ", unexpected " + head(extra));
        }
        return differences;
    }

    private static List<String> head(List<String> rows) {
        return rows.size() <= 3 ? rows : rows.subList(0, 3);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
