package io.embapi.bench.versus;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.postgresql.PGConnection;

/**
 * Plain pgvector over JDBC, the reference every service figure is divided by: the baseline's schema
 * ({@code vector(D)} column, {@code PRIMARY KEY (project_id, text_id)}, HNSW expression index on
 * {@code embedding::halfvec(D)} with {@code halfvec_cosine_ops}, m 16, ef_construction 64), its batched INSERT (one
 * commit per batch, vector and metadata bound as text) and its bulk path (COPY, then CREATE INDEX with
 * {@code maintenance_work_mem} 512MB). All rows are project 1, and every query carries {@code WHERE project_id = 1}.
 */
final class RawPgvector {

    static final long PROJECT = 1;

    private final int dimensions;

    RawPgvector(int dimensions) {
        this.dimensions = dimensions;
    }

    void createTable(Connection db, String table, boolean withIndex) throws SQLException {
        execute(db, "DROP TABLE IF EXISTS " + table);
        execute(db, "CREATE TABLE " + table + " (project_id bigint NOT NULL, text_id text NOT NULL, embedding vector("
                + dimensions + ") NOT NULL, metadata jsonb, PRIMARY KEY (project_id, text_id))");
        if (withIndex) {
            createIndex(db, table);
        }
    }

    void createIndex(Connection db, String table) throws SQLException {
        execute(db, "SET maintenance_work_mem = '512MB'");
        execute(db, "CREATE INDEX " + table + "_hnsw ON " + table + " USING hnsw ((embedding::halfvec(" + dimensions
                + ")) halfvec_cosine_ops) WITH (m = 16, ef_construction = 64)");
        execute(db, "RESET maintenance_work_mem");
    }

    /** Batched INSERT of every row, one transaction per batch; {@code done} hears the rows committed so far. */
    void insert(Connection db, String table, Dataset data, int batch, IntConsumer done) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table
                + " (project_id, text_id, embedding, metadata) VALUES (?, ?, ?::vector, ?::jsonb)")) {
            for (int from = 0; from < data.size(); from += batch) {
                int to = Math.min(data.size(), from + batch);
                for (int row = from; row < to; row++) {
                    insert.setLong(1, PROJECT);
                    insert.setString(2, Dataset.textId(row));
                    insert.setString(3, Dataset.vectorText(data.vectors()[row]));
                    insert.setString(4, Dataset.metadataJson(row));
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                done.accept(to);
            }
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** COPY (text format) of every row into a table without the HNSW index. */
    void copy(Connection db, String table, Dataset data) throws SQLException, IOException {
        StringBuilder text = new StringBuilder(data.size() * (data.dimensions() * 11 + 40));
        for (int row = 0; row < data.size(); row++) {
            text.append(PROJECT).append('\t').append(Dataset.textId(row)).append('\t')
                    .append(Dataset.vectorText(data.vectors()[row])).append('\t').append(Dataset.metadataJson(row))
                    .append('\n');
        }
        try (Reader reader = new StringReader(text.toString())) {
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
                    + " (project_id, text_id, embedding, metadata) FROM STDIN", reader);
        }
    }

    /** A connection with the session settings of the service's search pool (ADR 0007), so the SQL runs alike. */
    Connection searchSession(JdbcTarget target, int efSearch) throws SQLException {
        Connection db = target.connect();
        execute(db, "SET jit = off; SET plan_cache_mode = force_custom_plan; SET enable_sort = off; "
                + "SET hnsw.ef_search = " + efSearch + "; SET hnsw.iterative_scan = relaxed_order; "
                + "SET hnsw.max_scan_tuples = 20000");
        return db;
    }

    /** The baseline's top-10 SQL: {@code embedding::halfvec(D) <=> ?::halfvec(D)}, plus the filter if any. */
    String searchSql(String table, Selectivity selectivity) {
        String type = "halfvec(" + dimensions + ")";
        return "SELECT text_id, embedding::" + type + " <=> ?::" + type + " AS distance FROM " + table
                + " WHERE project_id = ?" + (selectivity.category == null ? "" : " AND metadata @> ?::jsonb")
                + " ORDER BY distance LIMIT 10";
    }

    List<String> search(PreparedStatement statement, Selectivity selectivity, float[] vector) throws SQLException {
        statement.setString(1, Dataset.vectorText(vector));
        statement.setLong(2, PROJECT);
        if (selectivity.category != null) {
            statement.setString(3, selectivity.containment());
        }
        List<String> ids = new ArrayList<>(10);
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    static String scalar(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
