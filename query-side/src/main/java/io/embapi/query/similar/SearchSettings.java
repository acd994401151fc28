package io.embapi.query.similar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Similarity-search settings ({@code embapi.search.*}); the defaults were chosen by measurement
 * (docs/adr/0007-similarity-search.md).
 *
 * @param efSearch           HNSW candidate list size ({@code hnsw.ef_search}); raised per query to offset + limit
 * @param iterativeScan      pgvector 0.8 iterative index scans for filtered queries: {@code relaxed_order},
 *                           {@code strict_order} or {@code off}
 * @param maxScanTuples      how many index tuples an iterative scan may visit ({@code hnsw.max_scan_tuples})
 * @param exactMaxRows       a filtered query is answered by an exact scan when at most this many rows match
 * @param maxIndexDepth      offset + limit beyond which a query is answered exactly (HNSW's ef_search tops at 1000)
 * @param hnswMinRows        unsealed rows of a project (per dimension) are sealed into an HNSW segment from this
 *                           many on; below it they are compared exactly. A project's segments are dropped again
 *                           below half of it (ADR 0018)
 * @param hnswM              HNSW {@code m} of new indexes
 * @param hnswEfConstruction HNSW {@code ef_construction} of new indexes
 * @param indexBuildMemory   {@code maintenance_work_mem} while building an index
 * @param indexCheckInterval how often the segments are reconciled with the rows (sealed, merged, dropped)
 * @param segmentMergeFactor the newest two segments are merged while the older holds at most this many times the
 *                           rows of the newer (1: a binary counter, about log2(rows / hnsw-min-rows) segments)
 * @param poolSize           connections of the search pool (sessions preset with these settings)
 */
@ConfigurationProperties("embapi.search")
public record SearchSettings(
        @DefaultValue("200") int efSearch,
        @DefaultValue("relaxed_order") String iterativeScan,
        @DefaultValue("20000") int maxScanTuples,
        @DefaultValue("2000") int exactMaxRows,
        @DefaultValue("1000") int maxIndexDepth,
        @DefaultValue("2000") int hnswMinRows,
        @DefaultValue("16") int hnswM,
        @DefaultValue("64") int hnswEfConstruction,
        @DefaultValue("256MB") DataSize indexBuildMemory,
        @DefaultValue("2s") Duration indexCheckInterval,
        @DefaultValue("1") double segmentMergeFactor,
        @DefaultValue("10") int poolSize) {

    public SearchSettings {
        if (efSearch < 1 || efSearch > 1000) {
            throw new IllegalArgumentException("embapi.search.ef-search must be 1..1000, is " + efSearch);
        }
        if (!iterativeScan.equals("relaxed_order") && !iterativeScan.equals("strict_order")
                && !iterativeScan.equals("off")) {
            throw new IllegalArgumentException("embapi.search.iterative-scan must be relaxed_order, strict_order or "
                    + "off, is " + iterativeScan);
        }
        if (hnswM < 2 || hnswM > 100 || hnswEfConstruction < 4 || hnswEfConstruction > 1000) {
            throw new IllegalArgumentException("embapi.search.hnsw-m must be 2..100 and hnsw-ef-construction 4..1000");
        }
        if (!(segmentMergeFactor >= 0.1 && segmentMergeFactor <= 100)) {
            throw new IllegalArgumentException("embapi.search.segment-merge-factor must be 0.1..100");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("embapi.search.pool-size must be at least 1");
        }
        if (exactMaxRows < 0 || hnswMinRows < 1 || maxScanTuples < 1 || maxIndexDepth < 1 || maxIndexDepth > 1000) {
            throw new IllegalArgumentException("embapi.search: exact-max-rows >= 0, hnsw-min-rows >= 1, "
                    + "max-scan-tuples >= 1, max-index-depth 1..1000");
        }
    }
}
