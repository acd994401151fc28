package io.embapi.query.similar;

import io.embapi.query.similar.SimilarityQueries.FindQueryDocument;
import io.embapi.query.similar.SimilarityQueries.FindSearchProject;
import io.embapi.query.similar.SimilarityQueries.Hit;
import io.embapi.query.similar.SimilarityQueries.QueryDocument;
import io.embapi.query.similar.SimilarityQueries.Search;
import io.embapi.query.similar.SimilarityQueries.SearchProject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers similarity searches from {@code embedding_view}. Similarity is {@code 1 - (a <=> b)}, pgvector's cosine
 * distance on the half-precision vectors, as in the reference. Each query takes one of four plans:
 * <ul>
 *   <li>{@code exact}: the project (at these dimensions) has no HNSW index — it is small — or the page reaches
 *       deeper than {@link SearchSettings#maxIndexDepth()}: every candidate is compared, recall 1.0;</li>
 *   <li>{@code exact-filtered}: a narrowing filter matches at most {@link SearchSettings#exactMaxRows()} rows; they
 *       are fetched through the metadata GIN index and compared exactly (faster than an HNSW walk that must skip
 *       99 % of the graph, and complete);</li>
 *   <li>{@code hnsw} / {@code hnsw-filtered}: the project's HNSW index with {@code ef_search} at least offset +
 *       limit, and for filters pgvector's iterative scan, so a filtered page still fills up.</li>
 * </ul>
 * The threshold and offset apply to the nearest offset + limit rows, which equals applying them first because
 * similarity falls monotonically along the distance order. Every value of the request is a bound parameter; only
 * the dimension (an integer the service computed) appears in the SQL text, as the type modifier HNSW needs.
 */
@Component
class SimilaritySearch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final SearchIndexes indexes;
    private final SearchSettings settings;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter overflows;

    SimilaritySearch(JdbcTemplate jdbc, PlatformTransactionManager transactions, SearchIndexes indexes,
                     SearchSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.indexes = indexes;
        this.settings = settings;
        this.meters = meters;
        this.overflows = Counter.builder("embapi.search.exact.overflow")
                .description("filtered searches that matched more rows than exact-max-rows and went to the index")
                .register(meters);
    }

    @QueryHandler
    Optional<SearchProject> handle(FindSearchProject query) {
        return jdbc.query("""
                SELECT p.project_id, p.owner, p.project_handle, p.instance_handle, i.dimensions
                FROM project_view p
                LEFT JOIN instance_view i ON i.owner = p.instance_owner AND i.instance_handle = p.instance_handle
                WHERE p.owner = ? AND p.project_handle = ?
                """, (rs, n) -> new SearchProject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(5)), query.owner(), query.projectHandle())
                .stream().findFirst();
    }

    @QueryHandler
    Optional<QueryDocument> handle(FindQueryDocument query) {
        return jdbc.query("SELECT vector::text, vector_dim FROM embedding_view WHERE project_id = ? AND text_id = ?",
                (rs, n) -> new QueryDocument(rs.getString(1), rs.getInt(2)), query.projectId(), query.textId())
                .stream().findFirst();
    }

    @QueryHandler
    List<Hit> handle(Search search) {
        long started = System.nanoTime();
        String[] plan = new String[1];
        List<Ranked> nearest = readOnly.execute(status -> nearest(search, plan));
        timer(search.endpoint(), plan[0]).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        List<Hit> hits = new ArrayList<>();
        int skipped = 0;
        for (Ranked row : nearest) {
            double similarity = 1 - row.distance();
            if (Double.isNaN(similarity) || similarity < search.threshold()) {
                continue;
            }
            if (skipped++ < search.offset()) {
                continue;
            }
            if (hits.size() < search.limit()) {
                hits.add(new Hit(row.textId(), similarity));
            }
        }
        return hits;
    }

    private record Ranked(String textId, double distance) {
    }

    private List<Ranked> nearest(Search search, String[] plan) {
        int depth = search.offset() + search.limit();
        boolean indexed = indexes.has(search.projectId(), search.dimensions()) && depth <= settings.maxIndexDepth();
        jdbc.queryForList("SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', "
                + "'force_custom_plan', true)");
        if (!indexed) {
            plan[0] = "exact";
            return exact(search, depth);
        }
        if (!search.filter().isEmpty() && search.filter().narrows() && settings.exactMaxRows() > 0) {
            List<Ranked> complete = exactIfFew(search, depth);
            if (complete != null) {
                plan[0] = "exact-filtered";
                return complete;
            }
            overflows.increment();
        }
        plan[0] = search.filter().isEmpty() && search.excludeTextId() == null ? "hnsw" : "hnsw-filtered";
        return approximate(search, depth);
    }

    /** Every candidate compared: recall 1.0. */
    private List<Ranked> exact(Search search, int depth) {
        List<Object> params = new ArrayList<>(List.of(search.vector()));
        StringBuilder sql = new StringBuilder("SELECT text_id, vector <=> ?::halfvec AS distance FROM embedding_view");
        where(sql, params, search);
        sql.append(" ORDER BY distance, text_id LIMIT ?");
        params.add(depth);
        return jdbc.query(sql.toString(), (rs, n) -> new Ranked(rs.getString(1), rs.getDouble(2)), params.toArray());
    }

    /**
     * The exact answer if the filter matches at most {@link SearchSettings#exactMaxRows()} rows, otherwise null.
     * One statement: the matching rows (at most the cap + 1) are materialised once, counted and ranked.
     */
    private List<Ranked> exactIfFew(Search search, int depth) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH candidates AS MATERIALIZED (SELECT text_id, vector FROM "
                + "embedding_view");
        where(sql, params, search);
        sql.append(" LIMIT ?) SELECT text_id, vector <=> ?::halfvec AS distance, (SELECT count(*) FROM candidates) "
                + "FROM candidates ORDER BY distance, text_id LIMIT ?");
        params.add(settings.exactMaxRows() + 1);
        params.add(search.vector());
        params.add(depth);
        long[] matching = {0};
        List<Ranked> rows = jdbc.query(sql.toString(), (rs, n) -> {
            matching[0] = rs.getLong(3);
            return new Ranked(rs.getString(1), rs.getDouble(2));
        }, params.toArray());
        return matching[0] > settings.exactMaxRows() ? null : rows;
    }

    /** The project's HNSW index; for filters an iterative scan that goes on until the page is full. */
    private List<Ranked> approximate(Search search, int depth) {
        jdbc.queryForList("SELECT set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', ?, true), "
                        + "set_config('hnsw.max_scan_tuples', ?, true), set_config('enable_sort', 'off', true)",
                String.valueOf(Math.max(settings.efSearch(), depth)), settings.iterativeScan(),
                String.valueOf(settings.maxScanTuples()));
        String type = "halfvec(" + search.dimensions() + ")";
        List<Object> params = new ArrayList<>(List.of(search.vector()));
        StringBuilder sql = new StringBuilder("WITH nearest AS MATERIALIZED (SELECT text_id, vector::" + type
                + " <=> ?::" + type + " AS distance FROM embedding_view");
        where(sql, params, search);
        sql.append(" ORDER BY distance LIMIT ?) SELECT text_id, distance FROM nearest");
        params.add(depth);
        List<Ranked> rows = new ArrayList<>(jdbc.query(sql.toString(),
                (rs, n) -> new Ranked(rs.getString(1), rs.getDouble(2)), params.toArray()));
        // Relaxed iterative scans may return rows slightly out of order; ties go by text id as in the exact plans.
        rows.sort(Comparator.comparingDouble(Ranked::distance).thenComparing(Ranked::textId));
        return rows;
    }

    private static void where(StringBuilder sql, List<Object> params, Search search) {
        sql.append(" WHERE project_id = ? AND vector_dim = ").append(search.dimensions());
        params.add(search.projectId());
        if (search.excludeTextId() != null) {
            sql.append(" AND text_id <> ?");
            params.add(search.excludeTextId());
        }
        search.filter().appendTo(sql, params);
    }

    private Timer timer(String endpoint, String plan) {
        return timers.computeIfAbsent(endpoint + "/" + plan, key -> Timer.builder("embapi.search")
                .description("similarity search in the database, by endpoint and plan")
                .tags("endpoint", endpoint, "plan", plan)
                .publishPercentileHistogram()
                .register(meters));
    }
}
