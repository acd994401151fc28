package io.embapi.query.similar;

import io.embapi.platform.cache.ChangeAwareCache;
import io.embapi.platform.cache.TableChanges;
import io.embapi.query.similar.SimilarityQueries.Hit;
import io.embapi.query.similar.SimilarityQueries.PrepareSearch;
import io.embapi.query.similar.SimilarityQueries.QueryDocument;
import io.embapi.query.similar.SimilarityQueries.Search;
import io.embapi.query.similar.SimilarityQueries.SearchContext;
import io.embapi.query.similar.SimilarityQueries.SearchProject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Answers similarity searches from {@code embedding_view}. Similarity is {@code 1 - (a <=> b)}, pgvector's cosine
 * distance on the half-precision vectors, as in the reference. Each query takes one of four plans:
 * <ul>
 *   <li>{@code exact}: the project (at these dimensions) has no HNSW index — it is small — or the page reaches
 *       deeper than {@link SearchSettings#maxIndexDepth()}: every candidate is compared, recall 1.0;</li>
 *   <li>{@code exact-filtered}: a narrowing filter matches at most {@link SearchSettings#exactMaxRows()} rows; they
 *       are fetched through the metadata GIN index and compared exactly (faster than an HNSW walk that must skip
 *       99 % of the graph, and complete);</li>
 *   <li>{@code hnsw} / {@code hnsw-filtered}: the project's sealed HNSW segments with {@code ef_search} at least
 *       offset + limit, and for filters pgvector's iterative scan, so a filtered page still fills up; the unsealed
 *       rows (those written since the last seal) are compared exactly in the same statement (ADR 0018).</li>
 * </ul>
 * The threshold and offset apply to the nearest offset + limit rows, which equals applying them first because
 * similarity falls monotonically along the distance order. Every value of the request is a bound parameter; only
 * the dimension (an integer the service computed) appears in the SQL text, as the type modifier HNSW needs.
 *
 * <p>Searches run on {@link SearchConnections}, whose sessions carry the search settings, in autocommit: one round
 * trip per plan (a deeper page than ef_search adds a transaction that raises it).
 */
@Component
class SimilaritySearch {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate lookups;
    private final SearchIndexes indexes;
    private final SearchSettings settings;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter overflows;
    private final FilterMemory filterMemory = new FilterMemory(4096, 60_000L, 5 * 60_000L);
    private final ChangeAwareCache<PrepareSearch, SearchContext> contexts;

    SimilaritySearch(SearchConnections connections, JdbcTemplate lookups, SearchIndexes indexes,
                     SearchSettings settings, MeterRegistry meters, TableChanges changes) {
        this.jdbc = new JdbcTemplate(connections.dataSource());
        // The checks before a search run on the application's pool, where their plan is cached (the search pool
        // plans every statement anew, which the partial indexes need but a four-table lookup does not: 0.5 ms).
        this.lookups = lookups;
        // A search by vector needs no row of embedding_view before it runs: its checks come from the node's cache.
        this.contexts = changes.cache("embapi.search.context", 10_000,
                Set.of("user_view", "project_view", "instance_view"));
        this.indexes = indexes;
        this.settings = settings;
        this.meters = meters;
        // The recall-relevant settings, readable next to the latencies they explain.
        for (Map.Entry<String, Integer> setting : Map.of("ef_search", settings.efSearch(), "exact_max_rows",
                settings.exactMaxRows(), "hnsw_min_rows", settings.hnswMinRows(), "hnsw_m", settings.hnswM(),
                "hnsw_ef_construction", settings.hnswEfConstruction(), "max_scan_tuples",
                settings.maxScanTuples()).entrySet()) {
            io.micrometer.core.instrument.Gauge.builder("embapi.search.setting", setting::getValue)
                    .description("similarity search settings (embapi.search.*)")
                    .tag("name", setting.getKey()).register(meters);
        }
        this.overflows = Counter.builder("embapi.search.exact.overflow")
                .description("filtered searches that matched more rows than exact-max-rows and went to the index")
                .register(meters);
    }

    @QueryHandler
    SearchContext handle(PrepareSearch query) {
        return query.textId() == null ? contexts.get(query, this::prepare) : prepare(query);
    }

    private SearchContext prepare(PrepareSearch query) {
        return lookups.query("""
                SELECT u.user_handle IS NOT NULL, p.project_id, p.owner, p.project_handle, p.instance_handle,
                       i.dimensions, e.vector::text, e.vector_dim
                FROM (SELECT ?::text AS owner, ?::text AS project_handle, ?::text AS text_id) q
                LEFT JOIN user_view u ON u.user_handle = q.owner
                LEFT JOIN project_view p ON p.owner = q.owner AND p.project_handle = q.project_handle
                LEFT JOIN instance_view i ON i.owner = p.instance_owner AND i.instance_handle = p.instance_handle
                LEFT JOIN embedding_view e ON e.project_id = p.project_id AND e.text_id = q.text_id
                """, (rs, n) -> {
                    long projectId = rs.getLong(2);
                    SearchProject project = rs.wasNull() ? null : new SearchProject(projectId, rs.getString(3),
                            rs.getString(4), rs.getString(5), (Integer) rs.getObject(6));
                    String vector = rs.getString(7);
                    return new SearchContext(rs.getBoolean(1), project,
                            vector == null ? null : new QueryDocument(vector, rs.getInt(8)));
                }, query.owner(), query.projectHandle(), query.textId()).get(0);
    }

    @QueryHandler
    List<Hit> handle(Search search) {
        long started = System.nanoTime();
        String[] plan = new String[1];
        List<Ranked> nearest = nearest(search, plan);
        timer(search.endpoint(), plan[0]).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
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
        // long: offset may be as large as Integer.MAX_VALUE (the page is then empty, not an error).
        long depth = (long) search.offset() + search.limit();
        boolean indexed = indexes.has(search.projectId(), search.dimensions()) && depth <= settings.maxIndexDepth();
        if (!indexed) {
            plan[0] = "exact";
            return exact(search, depth);
        }
        if (!search.filter().isEmpty() && search.filter().narrows() && settings.exactMaxRows() > 0) {
            String key = search.projectId() + "/" + search.dimensions() + "/" + search.filter().signature();
            FilterMemory.Breadth breadth = filterMemory.recall(key);
            if (breadth == FilterMemory.Breadth.NARROW) {
                plan[0] = "exact-filtered";
                return exact(search, depth);
            }
            if (breadth == null) {
                List<Ranked> complete = exactIfFew(search, depth);
                if (complete != null) {
                    filterMemory.remember(key, FilterMemory.Breadth.NARROW);
                    plan[0] = "exact-filtered";
                    return complete;
                }
                filterMemory.remember(key, FilterMemory.Breadth.BROAD);
                overflows.increment();
            }
        }
        plan[0] = search.filter().isEmpty() && search.excludeTextId() == null ? "hnsw" : "hnsw-filtered";
        return approximate(search, (int) depth);
    }

    /** Every candidate compared: recall 1.0. */
    private List<Ranked> exact(Search search, long depth) {
        List<Object> params = new ArrayList<>(List.of(search.vector()));
        StringBuilder sql = new StringBuilder("SELECT text_id, vector <=> ?::halfvec AS distance FROM embedding_view");
        where(sql, params, search);
        sql.append(" ORDER BY distance, text_id LIMIT ?");
        params.add(depth);
        return jdbc.query(sql.toString(), (rs, n) -> new Ranked(rs.getString(1), rs.getDouble(2)), params.toArray());
    }

    /**
     * The exact answer if the filter matches at most {@link SearchSettings#exactMaxRows()} rows, otherwise null.
     * One statement: at most the cap + 1 matching rows are read, their distances computed and counted (a window
     * count over the narrow (text id, distance) rows, so no vector is copied), and the nearest kept.
     */
    private List<Ranked> exactIfFew(Search search, long depth) {
        List<Object> params = new ArrayList<>(List.of(search.vector()));
        StringBuilder sql = new StringBuilder("SELECT text_id, distance, matching FROM (SELECT text_id, vector <=> "
                + "?::halfvec AS distance, count(*) OVER () AS matching FROM (SELECT text_id, vector FROM "
                + "embedding_view");
        where(sql, params, search);
        sql.append(" LIMIT ?) candidates) ranked ORDER BY distance, text_id LIMIT ?");
        params.add(settings.exactMaxRows() + 1);
        params.add(depth);
        long[] matching = {0};
        List<Ranked> rows = jdbc.query(sql.toString(), (rs, n) -> {
            matching[0] = rs.getLong(3);
            return new Ranked(rs.getString(1), rs.getDouble(2));
        }, params.toArray());
        return matching[0] > settings.exactMaxRows() ? null : rows;
    }

    /**
     * What recent counts said about a filter in a project: {@code NARROW} (at most the exact cap matched: the next
     * searches scan the matching rows exactly without counting them again, which halves their cost) or {@code BROAD}
     * (more matched: the next searches go straight to the index). A filter's breadth rarely changes from one query to
     * the next; it is counted anew after a minute (narrow) or five (broad), so a stale entry costs speed for that
     * long, never correctness. Bounded, least recently used first out.
     */
    static final class FilterMemory {

        enum Breadth { NARROW, BROAD }

        private record Seen(Breadth breadth, long at) {
        }

        private final int capacity;
        private final long narrowMillis;
        private final long broadMillis;
        private final java.util.LinkedHashMap<String, Seen> seen;

        FilterMemory(int capacity, long narrowMillis, long broadMillis) {
            this.capacity = capacity;
            this.narrowMillis = narrowMillis;
            this.broadMillis = broadMillis;
            this.seen = new java.util.LinkedHashMap<>(64, 0.75f, true);
        }

        /** The breadth last counted, or null when unknown or too old. */
        synchronized Breadth recall(String key) {
            Seen entry = seen.get(key);
            if (entry == null) {
                return null;
            }
            long age = System.currentTimeMillis() - entry.at();
            if (age > (entry.breadth() == Breadth.NARROW ? narrowMillis : broadMillis)) {
                seen.remove(key);
                return null;
            }
            return entry.breadth();
        }

        synchronized void remember(String key, Breadth breadth) {
            seen.put(key, new Seen(breadth, System.currentTimeMillis()));
            if (seen.size() > capacity) {
                seen.remove(seen.keySet().iterator().next());
            }
        }
    }

    /**
     * The project's HNSW segments and its unsealed rows, in one statement: each segment's nearest {@code depth} rows
     * through its partial index (for filters an iterative scan that goes on until the page is full), the rows outside
     * every segment compared exactly, the union ranked here. The segment bounds are spliced in as numbers (the
     * partial indexes' predicates must be implied by the query's own constants).
     */
    private List<Ranked> approximate(Search search, int depth) {
        String type = "halfvec(" + search.dimensions() + ")";
        List<Segment> segments = indexes.segments(search.projectId(), search.dimensions());
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT text_id, distance FROM (");
        for (Segment segment : segments) {
            part(sql, params, search, type, depth, " AND position BETWEEN " + segment.from() + " AND "
                    + segment.to());
            sql.append(" UNION ALL ");
        }
        part(sql, params, search, type, depth, " AND " + outside(segments));
        sql.append(") nearest");
        RowMapper<Ranked> ranked = (rs, n) -> new Ranked(rs.getString(1), rs.getDouble(2));
        List<Ranked> rows = new ArrayList<>(depth <= settings.efSearch()
                ? jdbc.query(sql.toString(), ranked, params.toArray())
                : withEfSearch(depth, sql.toString(), ranked, params.toArray()));
        // Relaxed iterative scans may return rows slightly out of order; ties go by text id as in the exact plans.
        rows.sort(Comparator.comparingDouble(Ranked::distance).thenComparing(Ranked::textId));
        return rows.size() > depth ? rows.subList(0, depth) : rows;
    }

    private static void part(StringBuilder sql, List<Object> params, Search search, String type, int depth,
                             String range) {
        sql.append("(SELECT text_id, vector::").append(type).append(" <=> ?::").append(type)
                .append(" AS distance FROM embedding_view");
        params.add(search.vector());
        where(sql, params, search);
        sql.append(range).append(" ORDER BY distance LIMIT ?)");
        params.add(depth);
    }

    /** The positions no segment covers: below, between and above them (segments are disjoint, by position). */
    static String outside(List<Segment> segments) {
        StringBuilder sql = new StringBuilder("(");
        long next = 0;
        for (Segment segment : segments) {
            if (segment.from() > next) {
                sql.append(sql.length() > 1 ? " OR " : "").append("position BETWEEN ").append(next).append(" AND ")
                        .append(segment.from() - 1);
            }
            next = segment.to() == Long.MAX_VALUE ? Long.MAX_VALUE : segment.to() + 1;
        }
        if (next < Long.MAX_VALUE) {
            sql.append(sql.length() > 1 ? " OR " : "").append("position >= ").append(next);
        }
        return sql.length() == 1 ? "false" : sql.append(")").toString();
    }

    /** A page deeper than the session's ef_search: raise it for this one query, in a transaction. */
    private List<Ranked> withEfSearch(int efSearch, String sql, RowMapper<Ranked> mapper, Object[] params) {
        return jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try {
                try (Statement set = connection.createStatement()) {
                    set.execute("SET LOCAL hnsw.ef_search = " + efSearch);
                }
                List<Ranked> rows = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    new ArgumentPreparedStatementSetter(params).setValues(statement);
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            rows.add(mapper.mapRow(result, rows.size()));
                        }
                    }
                }
                return rows;
            } finally {
                connection.commit();
                connection.setAutoCommit(true);
            }
        });
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
