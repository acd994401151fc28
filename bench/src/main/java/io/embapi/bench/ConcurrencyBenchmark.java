package io.embapi.bench;

import io.embapi.bench.Boundaries.Boundary;
import io.embapi.bench.Workload.Item;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent writers on one project: T threads take batches from one queue and upload them into the same project at
 * once; every conflict (unique violation on the stream's sequence) or deadlock rolls the whole batch back and retries
 * it after re-reading. With overlap, 10 % of every batch's ids come from a small pool all writers share.
 */
final class ConcurrencyBenchmark {

    private final BenchStore store;
    private final Plan plan;
    private final long seed;
    private final Samples samples = new Samples();
    private final Set<String> conflictTypes = new TreeSet<>();

    ConcurrencyBenchmark(BenchStore store, Plan plan, long seed) {
        this.store = store;
        this.plan = plan;
        this.seed = seed;
    }

    private record Scenario(String label, Boundary boundary, boolean overlap) {
    }

    void run(Report report) {
        List<Scenario> scenarios = List.of(
                new Scenario("a: per batch, disjoint ids", Boundaries.perBatch(store), false),
                new Scenario("a: per batch + lookup (today), disjoint ids", Boundaries.perBatchWithLookup(store),
                        false),
                new Scenario("a: per batch + lookup (today), 10 % overlap", Boundaries.perBatchWithLookup(store),
                        true),
                new Scenario("b: per project", Boundaries.perProject(store), false),
                new Scenario("c: per embedding, disjoint ids", Boundaries.perEmbedding(store), false),
                new Scenario("c: per embedding, 10 % overlap", Boundaries.perEmbedding(store), true));
        Workload workload = new Workload(plan.concurrentDims(), seed);
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            int config = 0;
            for (int threads : plan.writerThreads()) {
                int shift = repeat + config++;
                for (int s = 0; s < scenarios.size(); s++) {
                    Scenario scenario = scenarios.get((s + shift) % scenarios.size());
                    measure(scenario, threads, workload, repeat);
                }
                System.err.printf("[bench] concurrency repeat %d/%d: %d writers done%n", repeat + 1, plan.repeats(),
                        threads);
            }
        }
        print(report, scenarios);
    }

    private void measure(Scenario scenario, int threads, Workload workload, int repeat) {
        long project = store.newProject();
        ConcurrentLinkedQueue<List<Item>> queue = new ConcurrentLinkedQueue<>(batches(workload, repeat,
                scenario.overlap()));
        int embeddings = queue.stream().mapToInt(List::size).sum();
        int batchCount = queue.size();
        Retry.Counters counters = new Retry.Counters();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (List<Item> batch = queue.poll(); batch != null; batch = queue.poll()) {
                        scenario.boundary().upsert(project, batch, counters);
                    }
                    return null;
                }));
            }
            System.gc();
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            String key = scenario.label() + "|" + threads;
            samples.add(key + "|rate", embeddings / seconds);
            samples.add(key + "|conflicts", counters.conflicts());
            samples.add(key + "|deadlocks", counters.deadlocks());
            samples.add(key + "|attempts", (double) counters.attempts() / batchCount);
            if (counters.conflictReportedAs.get() != null) {
                conflictTypes.add(counters.conflictReportedAs.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(scenario.label() + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The scenario's batches; with overlap a tenth of each batch's ids is drawn from the shared hot pool. */
    private List<List<Item>> batches(Workload workload, int repeat, boolean overlap) {
        int size = plan.concurrentBatchSize();
        int hot = overlap ? Math.max(1, size / 10) : 0;
        Random random = new Random(seed + repeat);
        List<String> hotPool = Workload.ids("hot", plan.hotIds());
        List<List<Item>> batches = new ArrayList<>();
        for (int b = 0; b < plan.concurrentBatches(); b++) {
            List<String> ids = new ArrayList<>(Workload.ids("w" + b, size - hot));
            List<String> pool = new ArrayList<>(hotPool);
            Collections.shuffle(pool, random);
            ids.addAll(pool.subList(0, hot));
            Collections.shuffle(ids, random);
            batches.add(workload.items(ids, b));
        }
        return batches;
    }

    private void print(Report report, List<Scenario> scenarios) {
        report.heading("3. Concurrent writers on one project (" + plan.concurrentBatches() + " batches of "
                + plan.concurrentBatchSize() + " × " + plan.concurrentDims() + "-d), median (min–max) of "
                + plan.repeats());
        Report.Table table = report.table("boundary", "writers", "embeddings/s", "conflicts (23505)",
                "deadlocks (40P01)", "attempts per batch");
        for (Scenario scenario : scenarios) {
            for (int threads : plan.writerThreads()) {
                String key = scenario.label() + "|" + threads;
                table.row(scenario.label(), String.valueOf(threads), samples.summary(key + "|rate", 0),
                        samples.summary(key + "|conflicts", 0), samples.summary(key + "|deadlocks", 0),
                        samples.summary(key + "|attempts", 2));
            }
        }
        table.print();
        report.line("");
        int hot = Math.max(1, plan.concurrentBatchSize() / 10);
        report.line("Overlap: " + hot + " id(s) of every batch drawn from a pool of " + plan.hotIds()
                + " ids shared by all writers, at random positions in the batch (request order). Conflicts"
                + " and deadlocks are counted per scenario, summed over all writers. Axon's engine reported the unique"
                + " violations as " + (conflictTypes.isEmpty() ? "–" : String.join(", ", conflictTypes)) + ".");
    }
}
