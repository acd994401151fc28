package io.embapi.bench.versus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run measured, per data set; the report and the charts are made from these alone. */
final class Results {

    private Results() {
    }

    /**
     * Ingestion of all rows from empty. Service times exclude the read-your-writes samples (they are checks, not
     * load); "searchable" ends when the last batch is acknowledged and the view holds every row (a 201 marked
     * {@code X-Embapi-Consistency: pending} is not yet readable), "indexed" when the service lists the project's
     * HNSW index. A read-your-writes failure counts only after a plain 201; misses after a pending one are the
     * service's own warning and counted apart.
     */
    record Ingestion(int rows, int batch, double rawInsertSeconds, double apiSearchableSeconds,
                     double apiIndexedSeconds, int rywSamples, int rywFailures, int batches, int pendingBatches,
                     int pendingMisses) {

        double rawRate() {
            return rows / rawInsertSeconds;
        }

        double searchableRate() {
            return rows / apiSearchableSeconds;
        }

        double indexedRate() {
            return rows / apiIndexedSeconds;
        }
    }

    /** Median over the repeats of one cell; recall -1 where no ground truth was asked for. */
    record SearchCell(Selectivity selectivity, int clients, String path, double qps, double p50, double p95,
                      double p99, double recall, double rowsPerQuery) {
    }

    /**
     * Rebuild of the same rows: raw COPY and CREATE INDEX; the service's embedding-view replay from the event store
     * until caught up, and until its HNSW index is listed again.
     */
    record Rebuild(int rows, double rawCopySeconds, double rawIndexSeconds, double serviceCaughtUpSeconds,
                   double serviceIndexedSeconds, long rowsAfter) {

        double rawSeconds() {
            return rawCopySeconds + rawIndexSeconds;
        }
    }

    /** The service's VmHWM after each phase (monotonic: the peak so far), in bytes. */
    record Memory(Map<String, Long> peakAfter) {

        long peak() {
            return peakAfter.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    /** Everything measured for one (dimensions, rows) data set, with its own service process and database. */
    record DataSet(int dimensions, int rows, Ingestion ingestion, Rebuild rebuild, List<SearchCell> search,
                   Memory memory) {

        String label() {
            return String.format("%,d × %d-d", rows, dimensions);
        }

        SearchCell cell(Selectivity selectivity, int clients, String path) {
            return search.stream().filter(c -> c.selectivity() == selectivity && c.clients() == clients
                    && c.path().equals(path)).findFirst().orElse(null);
        }
    }

    /** Collects the peak RSS after each phase. */
    static final class MemoryLog {
        private final Map<String, Long> peaks = new LinkedHashMap<>();

        void record(String phase, long bytes) {
            peaks.put(phase, bytes);
        }

        Memory memory() {
            return new Memory(new LinkedHashMap<>(peaks));
        }
    }

    /** Sanity of a finished run, for {@code --smoke}: every table present and every value plausible. */
    static List<String> problems(List<DataSet> sets, List<Integer> clients) {
        List<String> problems = new ArrayList<>();
        if (sets.isEmpty()) {
            problems.add("no data set was measured");
        }
        for (DataSet set : sets) {
            String at = set.label() + ": ";
            Ingestion in = set.ingestion();
            if (in == null) {
                problems.add(at + "no ingestion table");
            } else {
                positive(problems, at + "raw INSERT seconds", in.rawInsertSeconds());
                positive(problems, at + "API to searchable seconds", in.apiSearchableSeconds());
                positive(problems, at + "API to indexed seconds", in.apiIndexedSeconds());
                if (in.apiIndexedSeconds() < in.apiSearchableSeconds()) {
                    problems.add(at + "indexed before searchable");
                }
                if (in.rywSamples() == 0 || in.rywFailures() > 0) {
                    problems.add(at + "read-your-writes: " + in.rywFailures() + " of " + in.rywSamples()
                            + " samples failed");
                }
            }
            Rebuild rebuild = set.rebuild();
            if (rebuild == null) {
                problems.add(at + "no rebuild table");
            } else {
                positive(problems, at + "COPY seconds", rebuild.rawCopySeconds());
                positive(problems, at + "CREATE INDEX seconds", rebuild.rawIndexSeconds());
                positive(problems, at + "rebuild caught-up seconds", rebuild.serviceCaughtUpSeconds());
                positive(problems, at + "rebuild indexed seconds", rebuild.serviceIndexedSeconds());
                if (rebuild.rowsAfter() != set.rows()) {
                    problems.add(at + "the rebuilt view holds " + rebuild.rowsAfter() + " rows, not " + set.rows());
                }
            }
            for (Selectivity selectivity : Selectivity.values()) {
                for (int client : clients) {
                    for (String path : List.of("API", "JDBC")) {
                        SearchCell cell = set.cell(selectivity, client, path);
                        String name = at + "search " + selectivity.label + " " + path + " " + client + " client(s)";
                        if (cell == null) {
                            problems.add(name + " missing");
                            continue;
                        }
                        positive(problems, name + " QPS", cell.qps());
                        positive(problems, name + " p50", cell.p50());
                        if (!(cell.p50() <= cell.p95() && cell.p95() <= cell.p99())) {
                            problems.add(name + " percentiles out of order");
                        }
                        if (cell.recall() >= 0 && cell.recall() < 0.5) {
                            problems.add(name + " recall@10 " + cell.recall() + " below 0.5");
                        }
                    }
                }
            }
            long peak = set.memory() == null ? -1 : set.memory().peak();
            if (peak < 32L << 20) {
                problems.add(at + "peak RSS " + peak + " bytes is not plausible");
            }
        }
        return problems;
    }

    private static void positive(List<String> problems, String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(what + " is " + value);
        }
    }
}
