package io.embapi.bench;

import java.util.List;

/**
 * The sizes of one run. {@code full} is the documented run (about 10 minutes on 2 cores), {@code quick} a
 * shorter one without the 100k-embedding stream, {@code smoke} a seconds-long pass through every code path.
 *
 * @param repeats             measured repeats of every section (the variants interleaved within each)
 * @param ingestDimensions    vector sizes for the sequential ingestion benchmark
 * @param ingestBatchSizes    batch sizes for it
 * @param ingestEmbeddings    embeddings written per variant and repeat (at least two batches)
 * @param projectStreams      (dimensions, embeddings) of the project streams whose load is timed
 * @param projectEventSize    records per event in those streams (the upload batch size)
 * @param snapshotTail        events after the snapshot in the snapshot variant
 * @param embeddingAggregates per-embedding aggregates whose load is timed
 * @param embeddingVersions   versions (events) each of them has
 * @param writerThreads       concurrent writer counts
 * @param concurrentBatches   batches uploaded per concurrent scenario
 * @param concurrentBatchSize items per concurrent batch
 * @param concurrentDims      vector size for the concurrent and delete benchmarks
 * @param hotIds              size of the id pool the overlapping batches share (10 % of each batch)
 * @param deleteEmbeddings    embeddings in the project whose delete-all is timed
 * @param sizeDimensions      vector sizes for the event-size table
 */
record Plan(String name, int repeats, List<Integer> ingestDimensions, List<Integer> ingestBatchSizes,
            int ingestEmbeddings, List<int[]> projectStreams, int projectEventSize, int snapshotTail,
            int embeddingAggregates, int embeddingVersions, List<Integer> writerThreads, int concurrentBatches,
            int concurrentBatchSize, int concurrentDims, int hotIds, int deleteEmbeddings,
            List<Integer> sizeDimensions) {

    static Plan named(String name) {
        return switch (name) {
            case "full" -> new Plan("full", 5, List.of(384, 1536), List.of(100, 1000), 3000,
                    List.of(new int[] {384, 10_000}, new int[] {384, 100_000}, new int[] {1536, 10_000}), 100, 10,
                    200, 10, List.of(4, 16), 64, 100, 384, 100, 10_000, List.of(384, 1536));
            case "quick" -> new Plan("quick", 3, List.of(384, 1536), List.of(100, 1000), 2000,
                    List.of(new int[] {384, 10_000}, new int[] {1536, 10_000}), 100, 10,
                    100, 10, List.of(4, 16), 32, 100, 384, 100, 2_000, List.of(384, 1536));
            case "smoke" -> new Plan("smoke", 1, List.of(16), List.of(10), 20,
                    List.of(new int[] {16, 200}), 10, 2,
                    5, 3, List.of(3), 6, 10, 16, 5, 50, List.of(16));
            default -> throw new IllegalArgumentException("unknown profile " + name + " (full, quick, smoke)");
        };
    }

    Plan withRepeats(Integer override) {
        if (override == null) {
            return this;
        }
        return new Plan(name, override, ingestDimensions, ingestBatchSizes, ingestEmbeddings, projectStreams,
                projectEventSize, snapshotTail, embeddingAggregates, embeddingVersions, writerThreads,
                concurrentBatches, concurrentBatchSize, concurrentDims, hotIds, deleteEmbeddings, sizeDimensions);
    }
}
