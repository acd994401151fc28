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
 */
@Component
class SearchConnections implements DisposableBean {

    private final HikariDataSource pool;

    SearchConnections(DataSourceProperties properties, SearchSettings settings,
                      @Value("${spring.datasource.hikari.connection-timeout:2000}") long connectionTimeoutMillis) {
        pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("search");
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
