package io.embapi.bench;

import io.embapi.bench.Boundaries.EmbeddingState;
import io.embapi.bench.Boundaries.LookupTable;
import io.embapi.bench.Workload.Item;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.project.ProjectIds;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Deleting every embedding of a project, atomically. (a)/(b): one {@link AllEmbeddingsDeletedEvent} on the project's
 * stream. (c): every embedding aggregate loaded and one {@link EmbeddingDeletedEvent} appended per embedding, all in
 * one transaction, the ids taken from the lookup table. Both also delete the project's lookup rows in the same
 * transaction, as the subscribing registry does today.
 */
final class DeleteAllBenchmark {

    private final BenchStore store;
    private final Plan plan;
    private final long seed;
    private final Samples samples = new Samples();
    private final LookupTable lookup;

    DeleteAllBenchmark(BenchStore store, Plan plan, long seed) {
        this.store = store;
        this.plan = plan;
        this.seed = seed;
        this.lookup = new LookupTable(store);
    }

    void run(Report report) {
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            Workload workload = new Workload(plan.concurrentDims(), seed + 100 + repeat);
            long projectA = store.newProject();
            long projectC = store.newProject();
            fill(workload, projectA, projectC);
            if (repeat % 2 == 0) {
                deleteOnProjectStream(projectA);
                deletePerEmbedding(projectC);
            } else {
                deletePerEmbedding(projectC);
                deleteOnProjectStream(projectA);
            }
            System.err.printf("[bench] delete-all repeat %d/%d done%n", repeat + 1, plan.repeats());
        }
        print(report);
    }

    /** Project A as today (batch streams and lookup rows); project C as per-embedding streams and lookup rows. */
    private void fill(Workload workload, long projectA, long projectC) {
        List<String> ids = Workload.ids("del", plan.deleteEmbeddings());
        Retry.Counters counters = new Retry.Counters();
        for (List<Item> batch : IngestionBenchmark.batches(workload.items(ids, 0), 100)) {
            Boundaries.perBatchWithLookup(store).upsert(projectA, batch, counters);
            Boundaries.perEmbedding(store).upsert(projectC, batch, counters);
            List<EmbeddingRecord> records = batch.stream()
                    .map(item -> Boundaries.record(item, item.text(), item.metadataPatch())).toList();
            store.inTransaction(() -> lookup.upsert(projectC, records));
        }
    }

    private void deleteOnProjectStream(long projectId) {
        String stream = ProjectIds.aggregateId(projectId);
        long head = store.head();
        System.gc();
        long start = System.nanoTime();
        long[] eventsDone = new long[1];
        store.inTransaction(() -> {
            long next = store.engine().lastSequenceNumberFor(stream).map(s -> s + 1).orElse(0L);
            store.append(List.of(BenchStore.event("Project", stream, next, new AllEmbeddingsDeletedEvent(projectId))));
            eventsDone[0] = System.nanoTime();
            lookup.deleteAll(projectId);
        });
        record("a/b: one event on the project stream", start, eventsDone[0], head);
    }

    private void deletePerEmbedding(long projectId) {
        long head = store.head();
        System.gc();
        long start = System.nanoTime();
        long[] eventsDone = new long[1];
        store.inTransaction(() -> {
            List<String> ids = lookup.textIds(projectId);
            List<DomainEventMessage<?>> events = new ArrayList<>(ids.size());
            for (String id : ids) {
                String stream = Boundaries.embeddingStream(projectId, id);
                EmbeddingState state = Boundaries.loadEmbedding(store, stream);
                events.add(BenchStore.event("Embedding", stream, state.lastSequence() + 1,
                        new EmbeddingDeletedEvent(projectId, id)));
            }
            store.append(events);
            eventsDone[0] = System.nanoTime();
            lookup.deleteAll(projectId);
        });
        record("c: one event per embedding stream", start, eventsDone[0], head);
    }

    private void record(String label, long start, long eventsDone, long head) {
        long end = System.nanoTime();
        BenchStore.EventBytes bytes = store.bytesSince(head);
        samples.add(label + "|events ms", (eventsDone - start) / 1e6);
        samples.add(label + "|total ms", (end - start) / 1e6);
        samples.add(label + "|events", bytes.events());
        samples.add(label + "|bytes", bytes.payload() + bytes.metadata());
        samples.add(label + "|stored", bytes.stored());
    }

    private void print(Report report) {
        report.heading("4. Delete all embeddings of a project with " + Samples.number(plan.deleteEmbeddings(), 0)
                + " embeddings (" + plan.concurrentDims() + "-d), median (min–max) of " + plan.repeats());
        Report.Table table = report.table("boundary", "events", "payload + metadata bytes", "stored bytes",
                "event side ms", "total ms (with lookup rows)");
        for (String label : List.of("a/b: one event on the project stream", "c: one event per embedding stream")) {
            table.row(label, samples.summary(label + "|events", 0), samples.summary(label + "|bytes", 0),
                    samples.summary(label + "|stored", 0), samples.summary(label + "|events ms", 1),
                    samples.summary(label + "|total ms", 1));
        }
        table.print();
    }
}
