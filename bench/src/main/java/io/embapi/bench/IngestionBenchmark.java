package io.embapi.bench;

import io.embapi.bench.Boundaries.Boundary;
import io.embapi.bench.Workload.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential ingestion throughput, one writer: embeddings per second from prepared float vectors to committed events
 * (vector encoding, event building, Jackson serialisation, the JDBC append and the commit, plus whatever state the
 * boundary needs). Each measurement writes into a fresh project; the variants are interleaved and their order
 * rotates from repeat to repeat.
 */
final class IngestionBenchmark {

    private final BenchStore store;
    private final Plan plan;
    private final long seed;
    private final Samples samples = new Samples();

    IngestionBenchmark(BenchStore store, Plan plan, long seed) {
        this.store = store;
        this.plan = plan;
        this.seed = seed;
    }

    /** A measured step: a boundary writing new ids, optionally followed by re-upserting the same ids. */
    private record Unit(String label, Boundary boundary, boolean withUpdate) {
    }

    void run(Report report) {
        List<Unit> units = List.of(
                new Unit("a: per batch", Boundaries.perBatch(store), false),
                new Unit("a: per batch + lookup (today)", Boundaries.perBatchWithLookup(store), true),
                new Unit("b: per project", Boundaries.perProject(store), false),
                new Unit("c: per embedding", Boundaries.perEmbedding(store), true));
        warmUp(units);
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            int config = 0;
            for (int dims : plan.ingestDimensions()) {
                Workload workload = new Workload(dims, seed + repeat);
                for (int batch : plan.ingestBatchSizes()) {
                    int shift = repeat + config++;
                    for (int u = 0; u < units.size(); u++) {
                        Unit unit = units.get((u + shift) % units.size());
                        measure(unit, workload, batch, repeat);
                    }
                    System.err.printf("[bench] ingestion repeat %d/%d: %d-d x %d done%n", repeat + 1, plan.repeats(),
                            dims, batch);
                }
            }
        }
        print(report, units);
    }

    private void warmUp(List<Unit> units) {
        Workload workload = new Workload(plan.ingestDimensions().get(0), seed - 1);
        for (int round = 0; round < 2; round++) {
            for (Unit unit : units) {
                long project = store.newProject();
                List<Item> items = workload.items(Workload.ids("warm" + round, plan.ingestBatchSizes().get(0)), 0);
                unit.boundary().upsert(project, items, new Retry.Counters());
                if (unit.withUpdate()) {
                    unit.boundary().upsert(project, workload.items(Workload.ids("warm" + round, items.size()), 1),
                            new Retry.Counters());
                }
            }
        }
    }

    private void measure(Unit unit, Workload workload, int batch, int repeat) {
        int batches = Math.max(2, plan.ingestEmbeddings() / batch);
        long project = store.newProject();
        List<String> ids = Workload.ids("r" + repeat, batches * batch);
        List<List<Item>> inserts = batches(workload.items(ids, 0), batch);
        samples.add(key(unit.label() + (unit.withUpdate() ? ", insert" : ""), workload.dimensions(), batch),
                timed(unit.boundary(), project, inserts));
        if (unit.withUpdate()) {
            List<List<Item>> updates = batches(workload.items(ids, 1), batch);
            samples.add(key(unit.label() + ", update", workload.dimensions(), batch),
                    timed(unit.boundary(), project, updates));
        }
    }

    /** Embeddings per second for writing these batches one after the other. */
    private double timed(Boundary boundary, long project, List<List<Item>> batches) {
        System.gc();
        Retry.Counters counters = new Retry.Counters();
        long start = System.nanoTime();
        int embeddings = 0;
        for (List<Item> batch : batches) {
            boundary.upsert(project, batch, counters);
            embeddings += batch.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (counters.conflicts() + counters.deadlocks() > 0) {
            throw new IllegalStateException("a single writer met a conflict: " + boundary.label());
        }
        return embeddings / seconds;
    }

    private void print(Report report, List<Unit> units) {
        report.heading("1. Sequential ingestion (one writer), embeddings/s, median (min–max) of " + plan.repeats());
        List<String> columns = new ArrayList<>(List.of("boundary"));
        for (int dims : plan.ingestDimensions()) {
            for (int batch : plan.ingestBatchSizes()) {
                columns.add(Samples.number(dims, 0) + "-d × " + Samples.number(batch, 0));
            }
        }
        Report.Table rates = report.table(columns.toArray(String[]::new));
        Report.Table latency = report.table(columns.toArray(String[]::new));
        for (String label : labels(units)) {
            List<String> rate = new ArrayList<>(List.of(label));
            List<String> millis = new ArrayList<>(List.of(label));
            for (int dims : plan.ingestDimensions()) {
                for (int batch : plan.ingestBatchSizes()) {
                    String key = key(label, dims, batch);
                    rate.add(samples.summary(key, 0));
                    millis.add(samples.has(key) ? Samples.number(batch * 1000.0 / samples.median(key), 1) : "–");
                }
            }
            rates.row(rate.toArray(String[]::new));
            latency.row(millis.toArray(String[]::new));
        }
        rates.print();
        report.line("");
        report.line("The same as milliseconds per batch (from the medians):");
        report.line("");
        latency.print();
    }

    private static List<String> labels(List<Unit> units) {
        List<String> labels = new ArrayList<>();
        for (Unit unit : units) {
            if (unit.withUpdate()) {
                labels.add(unit.label() + ", insert");
                labels.add(unit.label() + ", update");
            } else {
                labels.add(unit.label());
            }
        }
        return labels;
    }

    private static String key(String label, int dims, int batch) {
        return label + "|" + dims + "|" + batch;
    }

    static List<List<Item>> batches(List<Item> items, int size) {
        List<List<Item>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
