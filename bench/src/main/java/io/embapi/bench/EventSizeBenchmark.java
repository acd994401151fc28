package io.embapi.bench;

import io.embapi.bench.BenchStore.EventBytes;
import io.embapi.bench.Workload.Item;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.project.ProjectIds;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Bytes per embedding in {@code domainevententry}: the payload column (Jackson JSON with the base64 float32 vector),
 * the metadata column, and what PostgreSQL stores after TOAST compression ({@code pg_column_size}).
 */
final class EventSizeBenchmark {

    private final BenchStore store;
    private final Plan plan;
    private final long seed;

    EventSizeBenchmark(BenchStore store, Plan plan, long seed) {
        this.store = store;
        this.plan = plan;
        this.seed = seed;
    }

    void run(Report report) {
        report.heading("Event size per embedding");
        Report.Table table = report.table("boundary", "dims", "records/event", "payload B/embedding",
                "metadata B/event", "stored B/embedding", "vector base64 chars");
        Retry.Counters counters = new Retry.Counters();
        for (int dims : plan.sizeDimensions()) {
            Workload workload = new Workload(dims, seed);
            for (int batch : plan.ingestBatchSizes()) {
                long project = store.newProject();
                List<Item> items = workload.items(Workload.ids("size-a", batch), 0);
                long head = store.head();
                Boundaries.perBatch(store).upsert(project, items, counters);
                row(table, "a/b: batch event", dims, batch, store.bytesSince(head), batch);
            }
            int single = plan.ingestBatchSizes().get(0);
            long project = store.newProject();
            List<Item> items = workload.items(Workload.ids("size-c", single), 0);
            long head = store.head();
            Boundaries.perEmbedding(store).upsert(project, items, counters);
            row(table, "c: one-record event", dims, 1, store.bytesSince(head), single);
        }
        long project = store.newProject();
        long head = store.head();
        store.inTransaction(() -> store.append(List.of(BenchStore.event("Project", ProjectIds.aggregateId(project), 0,
                new AllEmbeddingsDeletedEvent(project)))));
        EventBytes deleteAll = store.bytesSince(head);
        head = store.head();
        List<DomainEventMessage<?>> deletions = new ArrayList<>();
        for (String id : Workload.ids("size-d", 10)) {
            deletions.add(BenchStore.event("Embedding", Boundaries.embeddingStream(project, id), 1,
                    new EmbeddingDeletedEvent(project, id)));
        }
        store.inTransaction(() -> store.append(deletions));
        EventBytes deleteOne = store.bytesSince(head);
        table.print();
        report.line("");
        report.line("Deletion events: `AllEmbeddingsDeletedEvent` " + deleteAll.payload() + " B payload + "
                + deleteAll.metadata() + " B metadata; `EmbeddingDeletedEvent` " + deleteOne.payload() / 10
                + " B payload + " + deleteOne.metadata() / 10 + " B metadata (id of ~40 characters).");
    }

    private static void row(Report.Table table, String label, int dims, int recordsPerEvent, EventBytes bytes,
                            int embeddings) {
        table.row(label, String.valueOf(dims), Samples.number(recordsPerEvent, 0),
                Samples.number((double) bytes.payload() / embeddings, 0),
                Samples.number((double) bytes.metadata() / bytes.events(), 0),
                Samples.number((double) bytes.stored() / embeddings, 0),
                Samples.number(4 * ((dims * 4 + 2) / 3), 0));
    }
}
