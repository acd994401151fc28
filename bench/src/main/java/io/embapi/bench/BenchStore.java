package io.embapi.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.embapi.platform.axon.AxonJdbcConfiguration;
import io.embapi.platform.axon.JacksonSerializers;
import io.embapi.shared.metadata.MetadataKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event store under test: a database migrated with the project's Flyway scripts, and the production Axon
 * configuration ({@link JacksonSerializers}, {@link AxonJdbcConfiguration}: {@code JdbcEventStorageEngine} with the
 * Jackson serializers and the SQL error resolver, Spring transactions) in a minimal Spring context, plus an
 * {@link EmbeddedEventStore} on top for snapshot-aware aggregate loads as an event-sourced repository does them.
 */
final class BenchStore implements AutoCloseable {

    /** One set of audit metadata as the command side attaches it to every event. */
    static final Map<String, String> AUDIT = Map.of(
            MetadataKeys.ACTOR, "alice",
            MetadataKeys.ACTOR_TYPE, "user",
            MetadataKeys.REQUEST_ID, "bench-7f3a9c1e2d",
            "correlationId", "6d1c3a52-5b0e-4d3f-9d7e-2f1b0c9a8e71",
            "traceId", "6d1c3a52-5b0e-4d3f-9d7e-2f1b0c9a8e71");

    private final Server server;
    private final String database;
    private final boolean dropOnClose;
    private final HikariDataSource dataSource;
    private final AnnotationConfigApplicationContext context;
    private final EventStorageEngine engine;
    private final EmbeddedEventStore eventStore;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final AtomicLong projectIds = new AtomicLong(1000);

    /** Where the benchmark's database lives. */
    record Server(String url, String user, String password) {
    }

    private BenchStore(Server server, String database, boolean dropOnClose, int poolSize) {
        this.server = server;
        this.database = database;
        this.dropOnClose = dropOnClose;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database == null ? server.url() : withDatabase(server.url(), database));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bench");
        this.dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        context = new AnnotationConfigApplicationContext();
        context.registerBean(DataSource.class, () -> dataSource);
        context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
        context.register(JacksonSerializers.class, AxonJdbcConfiguration.class);
        context.refresh();
        engine = context.getBean(EventStorageEngine.class);
        transactions = context.getBean(TransactionManager.class);
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Opens the store in a new database {@code embapi_bench_<time>} on the server of {@code server.url()} (which
     * needs the pgvector extension available), or — with {@code freshDatabase} false — in that URL's database.
     */
    static BenchStore open(Server server, boolean freshDatabase, boolean keepDatabase, int poolSize) {
        if (!freshDatabase) {
            return new BenchStore(server, null, false, poolSize);
        }
        String name = "embapi_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + UUID.randomUUID().toString().substring(0, 4);
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + server.url(), e);
        }
        return new BenchStore(server, name, !keepDatabase, poolSize);
    }

    EventStorageEngine engine() {
        return engine;
    }

    /** The snapshot-aware store an event-sourced repository loads aggregates through. */
    EventStore eventStore() {
        return eventStore;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    String databaseName() {
        return database == null ? "(given)" : database;
    }

    <T> T inTransaction(Supplier<T> work) {
        Transaction transaction = transactions.startTransaction();
        try {
            T result = work.get();
            transaction.commit();
            return result;
        } catch (RuntimeException | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** A new project in {@code project_registry} (the embedding lookup table refers to it). */
    long newProject() {
        long id = projectIds.incrementAndGet();
        jdbc.update("INSERT INTO project_registry (project_id, owner, project_handle, public_read) VALUES (?, ?, ?, ?)",
                id, "bench", "p" + id, false);
        return id;
    }

    static <T> DomainEventMessage<T> event(String type, String aggregateId, long sequence, T payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, AUDIT);
    }

    void append(List<? extends DomainEventMessage<?>> events) {
        engine.appendEvents(events);
    }

    /** The highest global index so far (events after it are the ones a measurement wrote). */
    long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    /** Count and sizes of the events written after {@code head}: raw column lengths and stored (TOASTed) size. */
    EventBytes bytesSince(long head) {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(sum(length(payload)), 0), coalesce(sum(length(metadata)), 0),
                       coalesce(sum(pg_column_size(payload)), 0) + coalesce(sum(pg_column_size(metadata)), 0)
                FROM domainevententry WHERE globalindex > ?
                """, (rs, n) -> new EventBytes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), head);
    }

    /** Events and their bytes: payload and metadata column lengths, and what PostgreSQL stores after compression. */
    record EventBytes(long events, long payload, long metadata, long stored) {
    }

    String serverVersion() {
        return jdbc.queryForObject("SHOW server_version", String.class);
    }

    String pgvectorVersion() {
        return jdbc.queryForList("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class)
                .stream().findFirst().orElse("?");
    }

    String setting(String name) {
        return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
    }

    @Override
    public void close() {
        eventStore.shutDown();
        context.close();
        dataSource.close();
        if (dropOnClose) {
            try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("[bench] could not drop database " + database + ": " + e.getMessage());
            }
        }
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
