package io.embapi.bench.versus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code docs/benchmarks.md}: the machine and settings, a summary of every ratio against its target, then one
 * section per data set with the raw figures behind each ratio. Ratios are "service ÷ raw" for throughput (higher is
 * better) so each reads against its target directly.
 */
final class BenchmarkReport {

    static final double INGEST_TARGET = 2.0;
    static final double SEARCH_TARGET = 0.8;
    static final double REBUILD_TARGET = 0.7;
    static final long RSS_TARGET_MB = 768;

    private BenchmarkReport() {
    }

    static String render(Environment environment, VersusBench options, List<Results.DataSet> sets, List<Path> charts,
                         Path out, double seconds, double estimate) {
        StringBuilder md = new StringBuilder();
        md.append("# embapi vs raw pgvector\n\n");
        md.append("Measured ").append(environment.started()).append(" by `ops/bench").append(options.smoke
                ? " --smoke" : "").append("` (`bench/…/versus/VersusBench`) in ").append(Math.round(seconds))
                .append(" s (estimated ").append(Math.round(estimate)).append(" s). Service and raw pgvector run on ")
                .append("the same PostgreSQL in the same run, one fresh database per data set; compare figures ")
                .append("within one run only (the reference's two runs a few minutes apart differed by up to 20 %).\n\n");
        md.append("## Machine, versions, settings\n\n| item | value |\n|---|---|\n");
        environment.machine().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| service JVM flags | `").append(environment.jvmFlags()).append("` |\n");
        md.append("| harness settings | seed ").append(options.seed).append(", batch ").append(options.batch)
                .append(", ").append(options.queries).append(" queries per cell, ").append(options.recallQueries)
                .append(" graded by brute force, clients ").append(options.clients).append(", ")
                .append(options.repeats).append(" repeat(s), ").append(options.serviceWarmUp)
                .append(" service warm-up searches, ").append(options.warmUp).append(" warm-up queries per client ")
                .append("and cell |\n\nPostgreSQL settings (cluster as started; the raw side's CREATE INDEX sets ")
                .append("`maintenance_work_mem` 512MB for itself):\n\n| setting | value |\n|---|---|\n");
        environment.postgres().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

        md.append("\n## Ratios against the targets\n\n");
        md.append("| data set | ingestion to searchable (≥ ").append(INGEST_TARGET).append("×) | ingestion to indexed | ")
                .append("search QPS, worst cell (≥ ").append(SEARCH_TARGET).append("×) | search QPS, best cell | ")
                .append("rebuild to indexed (≥ ").append(REBUILD_TARGET).append("×) | peak RSS (< ")
                .append(RSS_TARGET_MB).append(" MB) |\n|---|---|---|---|---|---|---|\n");
        for (Results.DataSet set : sets) {
            double[] searchRatios = searchRatios(set, options.clients);
            md.append("| ").append(set.label()).append(" | ")
                    .append(verdict(set.ingestion().searchableRate() / set.ingestion().rawRate(), INGEST_TARGET))
                    .append(" | ").append(ratio(set.ingestion().indexedRate() / set.ingestion().rawRate()))
                    .append(" | ").append(verdict(searchRatios[0], SEARCH_TARGET)).append(" | ")
                    .append(ratio(searchRatios[1])).append(" | ")
                    .append(verdict(set.rebuild().rawSeconds() / set.rebuild().serviceIndexedSeconds(),
                            REBUILD_TARGET)).append(" | ").append(rss(set.memory().peak())).append(" |\n");
        }
        md.append("\nRatio = service ÷ raw pgvector throughput (rows/s or QPS) in the same run; ✅ meets the target, ")
                .append("❌ misses it.\n\n");
        for (Path chart : charts) {
            Path relative = out.toAbsolutePath().getParent().relativize(chart.toAbsolutePath());
            md.append("![").append(chart.getFileName()).append("](").append(relative).append(")\n\n");
        }
        for (Results.DataSet set : sets) {
            dataSet(md, set, options);
        }
        md.append("## Method\n\n")
                .append("- **Data**: ").append("clustered unit vectors (100 random unit centroids, point = centroid + ")
                .append("N(0, σ²), σ = 0.5/√d, normalised; `java.util.Random(seed·1000003 + d)`), queries fresh ")
                .append("points of the same distribution; metadata `{\"cat\": p1|p5|p50|rest, \"seq\": i}` with ")
                .append("exactly 1 %, 5 %, 50 %, 44 % of the rows (by `i % 100`, independent of the cluster).\n")
                .append("- **Raw pgvector**: the baseline's table (`vector(D)`, `PRIMARY KEY (project_id, text_id)`) ")
                .append("and HNSW expression index on `embedding::halfvec(D)` (`halfvec_cosine_ops`, m 16, ")
                .append("ef_construction 64). INSERT: batches of ").append(options.batch)
                .append(", one commit each, into the empty indexed table. Bulk: COPY (text) into the table ")
                .append("with the PK only, then CREATE INDEX with `maintenance_work_mem` 512MB.\n")
                .append("- **Ingestion through the API**: `POST /v1/embeddings/{u}/{p}` with ").append(options.batch)
                .append(" embeddings per request, one client; the service answers 201 after its projections have ")
                .append("the batch (ADR 0002). Read-your-writes is sampled: right after a 201, `GET` one embedding of ")
                .append("the batch and search by its own vector; it must be the answer. The samples' time is not ")
                .append("counted. \"To indexed\" runs until `GET /v1/admin/search-indexes` shows the project sealed (HNSW ")
                .append("segments, unindexed tail under `hnsw_min_rows`, ADR 0018), after one `POST …/reconcile`.\n")
                .append("- **Rebuild**: `POST /v1/admin/processors/embedding-view/rebuild`, then `GET` of the ")
                .append("processor until it is not replaying and has no lag (caught up), then until the project's ")
                .append("HNSW index is listed again (indexed); the row count of `embedding_view` is checked.\n")
                .append("- **Search**: `POST /v1/similars/{u}/{p}?threshold=0&limit=10` (filter in the body) vs ")
                .append("the baseline's SQL on the bulk-built raw table ")
                .append("(`ORDER BY embedding::halfvec(D) <=> ?::halfvec(D) LIMIT 10`, `metadata @> ?::jsonb` for ")
                .append("filters) over one JDBC connection per client with the service's search-session settings ")
                .append("(`hnsw.ef_search` as the service reports, relaxed iterative scan, `max_scan_tuples` 20000, ")
                .append("`enable_sort` off, `jit` off). The service picks its own plan (exact, exact-filtered or ")
                .append("HNSW, ADR 0007). Latency is client side; recall@10 against brute force in Java (double ")
                .append("accumulation, float32 vectors), for the first ").append(options.recallQueries)
                .append(" queries of each cell.\n")
                .append("- **Peak RSS**: the harness starts the service itself (`java @ops/jvm.options -jar …`) and ")
                .append("reads `VmHWM` from `/proc/<pid>/status` after each phase (the kernel's high-water mark).\n");
        return md.toString();
    }

    private static void dataSet(StringBuilder md, Results.DataSet set, VersusBench options) {
        Results.Ingestion in = set.ingestion();
        Results.Rebuild re = set.rebuild();
        md.append("## ").append(set.label()).append("\n\n### Ingestion\n\n")
                .append("| path | seconds | rows/s | ratio to raw INSERT |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| raw batched INSERT into the indexed table | %.1f | %,.0f | 1.00 |%n",
                        in.rawInsertSeconds(), in.rawRate()))
                .append(String.format(Locale.ROOT, "| API, to searchable (every batch acknowledged) | %.1f | %,.0f | %s |%n",
                        in.apiSearchableSeconds(), in.searchableRate(), ratio(in.searchableRate() / in.rawRate())))
                .append(String.format(Locale.ROOT, "| API, to indexed (HNSW covers every row) | %.1f | %,.0f | %s |%n",
                        in.apiIndexedSeconds(), in.indexedRate(), ratio(in.indexedRate() / in.rawRate())))
                .append(String.format(Locale.ROOT, "%nRead-your-writes samples: %d, failed after a plain 201: %d. "
                        + "Batches acknowledged as pending (projections behind the consistency timeout): %d of %d; "
                        + "samples that missed after such a pending 201: %d.%n%n", in.rywSamples(), in.rywFailures(),
                        in.pendingBatches(), in.batches(), in.pendingMisses()));
        md.append("### Rebuild\n\n| path | seconds | rows/s | ratio to raw |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| raw COPY + CREATE INDEX | %.1f (COPY %.1f, index %.1f) | %,.0f | 1.00 |%n",
                        re.rawSeconds(), re.rawCopySeconds(), re.rawIndexSeconds(), re.rows() / re.rawSeconds()))
                .append(String.format(Locale.ROOT, "| service replay, caught up | %.1f | %,.0f | %s |%n",
                        re.serviceCaughtUpSeconds(), re.rows() / re.serviceCaughtUpSeconds(),
                        ratio(re.rawSeconds() / re.serviceCaughtUpSeconds())))
                .append(String.format(Locale.ROOT, "| service replay, indexed | %.1f | %,.0f | %s |%n",
                        re.serviceIndexedSeconds(), re.rows() / re.serviceIndexedSeconds(),
                        ratio(re.rawSeconds() / re.serviceIndexedSeconds())))
                .append(String.format(Locale.ROOT, "%nRows in `embedding_view` after the rebuild: %,d.%n%n", re.rowsAfter()));
        md.append("### Search (top 10)\n\n| filter | clients | path | QPS | p50 ms | p95 ms | p99 ms | recall@10 | ")
                .append("rows/query | QPS ratio API/JDBC |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Selectivity selectivity : Selectivity.values()) {
            for (int clients : options.clients) {
                Results.SearchCell api = set.cell(selectivity, clients, "API");
                Results.SearchCell jdbc = set.cell(selectivity, clients, "JDBC");
                for (Results.SearchCell cell : List.of(api, jdbc)) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %.2f | %.2f | %.2f | %s | %.2f | %s |%n",
                            selectivity.label, clients, cell.path().equals("JDBC") ? "raw SQL" : "API", cell.qps(),
                            cell.p50(), cell.p95(), cell.p99(), cell.recall() < 0 ? "–"
                                    : String.format(Locale.ROOT, "%.4f", cell.recall()), cell.rowsPerQuery(),
                            cell == api ? ratio(api.qps() / jdbc.qps()) : ""));
                }
            }
        }
        md.append("\n### Service memory\n\n| after | peak RSS (VmHWM) |\n|---|---|\n");
        for (Map.Entry<String, Long> entry : set.memory().peakAfter().entrySet()) {
            md.append("| ").append(entry.getKey()).append(" | ").append(rss(entry.getValue())).append(" |\n");
        }
        md.append('\n');
    }

    /** Worst and best API/JDBC QPS ratio over the cells. */
    static double[] searchRatios(Results.DataSet set, List<Integer> clients) {
        double worst = Double.MAX_VALUE;
        double best = 0;
        for (Selectivity selectivity : Selectivity.values()) {
            for (int c : clients) {
                double r = set.cell(selectivity, c, "API").qps() / set.cell(selectivity, c, "JDBC").qps();
                worst = Math.min(worst, r);
                best = Math.max(best, r);
            }
        }
        return new double[] {worst, best};
    }

    static String summary(List<Results.DataSet> sets) {
        StringBuilder text = new StringBuilder();
        for (Results.DataSet set : sets) {
            text.append(String.format(Locale.ROOT, "%s: ingestion %.2f× (indexed %.2f×), rebuild %.2f×, peak RSS %s%n",
                    set.label(), set.ingestion().searchableRate() / set.ingestion().rawRate(),
                    set.ingestion().indexedRate() / set.ingestion().rawRate(),
                    set.rebuild().rawSeconds() / set.rebuild().serviceIndexedSeconds(), rss(set.memory().peak())));
        }
        return text.toString();
    }

    private static String verdict(double value, double target) {
        return ratio(value) + (value >= target ? " ✅" : " ❌");
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String rss(long bytes) {
        long mb = Math.round(bytes / 1048576.0);
        return mb + " MB" + (mb < RSS_TARGET_MB ? " ✅" : " ❌");
    }
}
