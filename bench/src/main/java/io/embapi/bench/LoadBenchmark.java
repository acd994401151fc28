package io.embapi.bench;

import io.embapi.bench.Workload.Item;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.project.ProjectIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Aggregate load time. (b) a project stream holding N embeddings in events of 100 records: read through
 * {@code JdbcEventStorageEngine.readEvents(aggregateId)} without touching payloads (JDBC only), with every payload
 * deserialised and folded into the state a project aggregate needs for merges (text and metadata per id, no
 * vectors), and snapshot-aware through the event store with a snapshot of that state. (c) one embedding aggregate
 * with V versions, through the event store (snapshot lookup plus events, as a repository loads) and through the
 * engine alone.
 */
final class LoadBenchmark {

    private static final int APPEND_CHUNK = 20;

    private final BenchStore store;
    private final Plan plan;
    private final long seed;
    private final Samples samples = new Samples();

    LoadBenchmark(BenchStore store, Plan plan, long seed) {
        this.store = store;
        this.plan = plan;
        this.seed = seed;
    }

    /** The state a project aggregate keeps per embedding to merge later uploads. */
    record Entry(String text, String metadata) {
    }

    /** Snapshot payload of a per-project aggregate: its embeddings' state, without vectors. */
    record ProjectSnapshot(long projectId, Map<String, Entry> embeddings) {
    }

    /** A built project stream. */
    private record ProjectStream(int dims, int embeddings, String stream, long events, double payloadMegabytes,
                                 double snapshotMegabytes, double snapshotMillis, double buildSeconds) {
        String label() {
            return "b: " + Samples.number(embeddings, 0) + " × " + dims + "-d (" + Samples.number(events, 0)
                    + " events, " + Samples.number(payloadMegabytes, 0) + " MB)";
        }
    }

    private record EmbeddingSet(int dims, long projectId, List<String> streams) {
    }

    void run(Report report) {
        List<ProjectStream> projects = new ArrayList<>();
        for (int[] spec : plan.projectStreams()) {
            projects.add(buildProject(spec[0], spec[1]));
        }
        List<EmbeddingSet> embeddings = new ArrayList<>();
        for (int dims : plan.ingestDimensions()) {
            embeddings.add(buildEmbeddings(dims));
        }
        List<Runnable> steps = new ArrayList<>();
        for (ProjectStream project : projects) {
            steps.add(() -> samples.add(project.label() + "|rows", time(() -> readRows(project.stream()))));
            steps.add(() -> samples.add(project.label() + "|fold", time(() -> fold(project.stream()))));
            steps.add(() -> samples.add(project.label() + "|snapshot", time(() -> foldWithSnapshot(project.stream()))));
        }
        for (EmbeddingSet set : embeddings) {
            steps.add(() -> samples.add(set.dims() + "|store", perAggregate(set, true)));
            steps.add(() -> samples.add(set.dims() + "|engine", perAggregate(set, false)));
        }
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            for (int s = 0; s < steps.size(); s++) {
                System.gc();
                steps.get((s + repeat) % steps.size()).run();
            }
            System.err.printf("[bench] load repeat %d/%d done%n", repeat + 1, plan.repeats());
        }
        print(report, projects, embeddings);
    }

    private ProjectStream buildProject(int dims, int embeddings) {
        long start = System.nanoTime();
        Workload workload = new Workload(dims, seed + embeddings);
        long projectId = store.newProject();
        String stream = ProjectIds.aggregateId(projectId);
        int perEvent = plan.projectEventSize();
        int events = embeddings / perEvent;
        long head = store.head();
        List<DomainEventMessage<?>> chunk = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            List<EmbeddingRecord> records = new ArrayList<>(perEvent);
            for (Item item : workload.items(Workload.ids("load-" + e, perEvent), 0)) {
                records.add(Boundaries.record(item, item.text(), item.metadataPatch()));
            }
            chunk.add(BenchStore.event("Project", stream, e, new EmbeddingsUpsertedEvent(projectId, records)));
            if (chunk.size() == APPEND_CHUNK || e == events - 1) {
                List<DomainEventMessage<?>> toAppend = List.copyOf(chunk);
                store.inTransaction(() -> store.append(toAppend));
                chunk.clear();
            }
        }
        BenchStore.EventBytes bytes = store.bytesSince(head);
        store.jdbc().execute("ANALYZE domainevententry");
        double buildSeconds = (System.nanoTime() - start) / 1e9;

        long snapshotStart = System.nanoTime();
        long snapshotSequence = events - 1 - plan.snapshotTail();
        Map<String, Entry> state = new HashMap<>();
        DomainEventStream read = store.engine().readEvents(stream);
        while (read.hasNext()) {
            DomainEventMessage<?> event = read.next();
            if (event.getSequenceNumber() > snapshotSequence) {
                break;
            }
            apply(state, event.getPayload());
        }
        store.engine().storeSnapshot(BenchStore.event("Project", stream, snapshotSequence,
                new ProjectSnapshot(projectId, state)));
        double snapshotMillis = (System.nanoTime() - snapshotStart) / 1e6;
        Long snapshotBytes = store.jdbc().queryForObject(
                "SELECT length(payload) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, stream);
        System.err.printf("[bench] built %s: %d events in %.1f s%n", stream, events, buildSeconds);
        return new ProjectStream(dims, embeddings, stream, bytes.events(), bytes.payload() / 1e6,
                snapshotBytes == null ? 0 : snapshotBytes / 1e6, snapshotMillis, buildSeconds);
    }

    private EmbeddingSet buildEmbeddings(int dims) {
        Workload workload = new Workload(dims, seed + dims);
        long projectId = store.newProject();
        List<String> ids = Workload.ids("versions", plan.embeddingAggregates());
        List<String> streams = ids.stream().map(id -> Boundaries.embeddingStream(projectId, id)).toList();
        for (int version = 0; version < plan.embeddingVersions(); version++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            List<Item> items = workload.items(ids, version);
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                events.add(BenchStore.event("Embedding", streams.get(i), version, new EmbeddingsUpsertedEvent(
                        projectId, List.of(Boundaries.record(item, item.text(), item.metadataPatch())))));
            }
            store.inTransaction(() -> store.append(events));
        }
        return new EmbeddingSet(dims, projectId, streams);
    }

    private long readRows(String stream) {
        DomainEventStream events = store.engine().readEvents(stream);
        long count = 0;
        while (events.hasNext()) {
            events.next();
            count++;
        }
        return count;
    }

    private long fold(String stream) {
        Map<String, Entry> state = new HashMap<>();
        DomainEventStream events = store.engine().readEvents(stream);
        while (events.hasNext()) {
            apply(state, events.next().getPayload());
        }
        return state.size();
    }

    private long foldWithSnapshot(String stream) {
        Map<String, Entry> state = new HashMap<>();
        DomainEventStream events = store.eventStore().readEvents(stream);
        boolean snapshotSeen = false;
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (payload instanceof ProjectSnapshot snapshot) {
                state = new HashMap<>(snapshot.embeddings());
                snapshotSeen = true;
            } else {
                apply(state, payload);
            }
        }
        if (!snapshotSeen) {
            throw new IllegalStateException("no snapshot read for " + stream);
        }
        return state.size();
    }

    private static void apply(Map<String, Entry> state, Object payload) {
        if (payload instanceof EmbeddingsUpsertedEvent upserted) {
            for (EmbeddingRecord record : upserted.embeddings()) {
                state.put(record.textId(), new Entry(record.text(), record.metadata()));
            }
        }
    }

    /** Milliseconds per aggregate for loading every aggregate of the set once. */
    private double perAggregate(EmbeddingSet set, boolean throughStore) {
        long start = System.nanoTime();
        for (String stream : set.streams()) {
            long last = (throughStore ? Boundaries.loadEmbedding(store, stream)
                    : Boundaries.foldEmbedding(store.engine().readEvents(stream))).lastSequence();
            if (last != plan.embeddingVersions() - 1) {
                throw new IllegalStateException(stream + " has " + (last + 1) + " versions");
            }
        }
        return (System.nanoTime() - start) / 1e6 / set.streams().size();
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private void print(Report report, List<ProjectStream> projects, List<EmbeddingSet> embeddings) {
        report.heading("2. Aggregate load time, ms, median (min–max) of " + plan.repeats());
        Report.Table table = report.table("stream", "rows only (JDBC)", "full replay (deserialise + fold)",
                "snapshot + " + plan.snapshotTail() + " events", "snapshot MB", "snapshot write ms");
        for (ProjectStream project : projects) {
            table.row(project.label(), samples.summary(project.label() + "|rows", 0),
                    samples.summary(project.label() + "|fold", 0), samples.summary(project.label() + "|snapshot", 0),
                    Samples.number(project.snapshotMegabytes(), 1), Samples.number(project.snapshotMillis(), 0));
        }
        table.print();
        report.line("");
        Report.Table perEmbedding = report.table("one embedding aggregate, " + plan.embeddingVersions()
                + " versions", "via event store (snapshot query + events) + fold",
                "engine.readEvents + fold (no snapshot query)");
        for (EmbeddingSet set : embeddings) {
            perEmbedding.row("c: " + set.dims() + "-d", samples.summary(set.dims() + "|store", 2),
                    samples.summary(set.dims() + "|engine", 2));
        }
        perEmbedding.print();
        report.line("");
        String builds = String.join(", ", projects.stream().map(p -> Samples.number(p.buildSeconds(), 1) + " s")
                .toList());
        report.line("Project streams were appended through the engine in transactions of " + APPEND_CHUNK
                + " events of " + plan.projectEventSize() + " records (" + builds + "); per-embedding loads are the "
                + "mean over " + plan.embeddingAggregates() + " aggregates loaded one after another.");
    }
}
