package io.embapi.bench.versus;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL database, from a {@code jdbc:postgresql://host:port/database} URL plus user and password. */
record JdbcTarget(String host, int port, String database, String user, String password) {

    static JdbcTarget parse(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host:port/database, got " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        return new JdbcTarget(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), user,
                password);
    }

    JdbcTarget withDatabase(String name) {
        return new JdbcTarget(host, port, name, user, password);
    }

    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }
}
