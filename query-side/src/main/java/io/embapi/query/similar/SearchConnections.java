package io.embapi.query.similar;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * A small connection pool of its own for similarity searches, on the same database, whose sessions carry the search
 * settings from the start ({@code hnsw.ef_search}, iterative scans, no JIT, custom plans so the per-project partial
 * indexes match, sorts discouraged so the HNSW path is taken where an index exists). A search is then one round trip
 * in autocommit mode instead of a transaction with settings around it. Not a {@code DataSource} bean, so the
 * application's own pool stays Spring Boot's.
 *
 * <p>With {@code embapi.search.replica.url} set (env {@code EMBAPI_SEARCH_REPLICA_URL}, with {@code .username} and
 * {@code .password}), this pool connects to a PostgreSQL streaming replica instead of the primary: searches (the
 * CPU-heavy statements) leave the primary, while the lookups before a search, the projections and every other read
 * stay there. The cost is read-your-writes for searches: an acknowledged write is on the primary, and a search on the
 * replica sees it only after the replica has replayed it (ADR 0021).
 */
@Component
class SearchConnections implements DisposableBean {

    private final HikariDataSource pool;

    SearchConnections(DataSourceProperties properties, SearchSettings settings,
                      @Value("${spring.datasource.hikari.connection-timeout:2000}") long connectionTimeoutMillis,
                      @Value("${embapi.search.replica.url:}") String replicaUrl,
                      @Value("${embapi.search.replica.username:}") String replicaUsername,
                      @Value("${embapi.search.replica.password:}") String replicaPassword) {
        pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        if (!replicaUrl.isBlank()) {
            // A replica has the same database and roles (physical replication), so the primary's credentials are
            // the default; only the address differs.
            pool.setJdbcUrl(replicaUrl);
            if (!replicaUsername.isBlank()) {
                pool.setUsername(replicaUsername);
                pool.setPassword(replicaPassword);
            }
        }
        pool.setPoolName(replicaUrl.isBlank() ? "search" : "search-replica");
        // The same bound as the main pool: a search during a database outage answers 503 in time (ADR 0019).
        pool.setConnectionTimeout(connectionTimeoutMillis);
        pool.setValidationTimeout(Math.min(1000, connectionTimeoutMillis));
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(Math.min(2, settings.poolSize()));
        pool.setAutoCommit(true);
        pool.setReadOnly(true);
        // Only service-computed values: numbers and one of three checked words.
        pool.setConnectionInitSql("SET jit = off; SET plan_cache_mode = force_custom_plan; SET enable_sort = off; "
                + "SET hnsw.ef_search = " + settings.efSearch() + "; SET hnsw.iterative_scan = "
                + settings.iterativeScan() + "; SET hnsw.max_scan_tuples = " + settings.maxScanTuples());
    }

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
