package io.embapi.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.boot.SpringBootVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the candidate aggregate boundaries for embeddings (issue 5) on a real PostgreSQL: event size, sequential
 * ingestion, aggregate load time, concurrent writers on one project and delete-all. Prints Markdown tables.
 */
@Command(name = "embapi-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmarks per-batch, per-project and per-embedding event streams on Axon's JDBC event store.")
public final class BenchMain implements Callable<Integer> {

    static final List<String> SECTIONS = List.of("size", "ingest", "load", "concurrency", "delete");

    @Option(names = "--jdbc-url", required = true,
            description = "PostgreSQL server (superuser, pgvector available), e.g. "
                    + "jdbc:postgresql://127.0.0.1:55600/postgres")
    String jdbcUrl;

    @Option(names = "--user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "", description = "Database password (default: empty).")
    String password;

    @Option(names = "--profile", defaultValue = "full",
            description = "Sizes: full (~10 min on 2 cores), quick (no 100k stream), smoke (seconds).")
    String profile;

    @Option(names = "--quick", description = "Same as --profile quick.")
    boolean quick;

    @Option(names = "--repeats", description = "Override the profile's number of repeats (at least 3 for the ADR).")
    Integer repeats;

    @Option(names = "--sections", split = ",", description = "Which sections to run: size, ingest, load, "
            + "concurrency, delete (default: all).")
    List<String> sections;

    @Option(names = "--seed", defaultValue = "20261129", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--use-database", description = "Run in the database of --jdbc-url instead of creating a fresh "
            + "embapi_bench_* database (and dropping it afterwards).")
    boolean useDatabase;

    @Option(names = "--keep-database", description = "Keep the fresh database after the run.")
    boolean keepDatabase;

    @Option(names = "--out", description = "Also write the Markdown report to this file.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Plan plan = Plan.named(quick ? "quick" : profile).withRepeats(repeats);
        List<String> chosen = sections == null ? SECTIONS : sections;
        for (String section : chosen) {
            if (!SECTIONS.contains(section)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown section " + section);
            }
        }
        String report = run(new BenchStore.Server(jdbcUrl, user, password), plan, chosen, seed, useDatabase,
                keepDatabase);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("[bench] report written to " + out);
        }
        return 0;
    }

    /** Runs the chosen sections and returns the Markdown report (also printed as it goes). */
    static String run(BenchStore.Server server, Plan plan, List<String> sections, long seed, boolean useDatabase,
                      boolean keepDatabase) {
        Report report = new Report(System.out);
        long started = System.nanoTime();
        int pool = Collections.max(plan.writerThreads()) + 4;
        try (BenchStore store = BenchStore.open(server, !useDatabase, keepDatabase, pool)) {
            environment(report, store, plan, seed);
            if (sections.contains("size")) {
                new EventSizeBenchmark(store, plan, seed).run(report);
            }
            if (sections.contains("ingest")) {
                new IngestionBenchmark(store, plan, seed).run(report);
            }
            if (sections.contains("load")) {
                new LoadBenchmark(store, plan, seed).run(report);
            }
            if (sections.contains("concurrency")) {
                new ConcurrencyBenchmark(store, plan, seed).run(report);
            }
            if (sections.contains("delete")) {
                new DeleteAllBenchmark(store, plan, seed).run(report);
            }
        }
        report.line("");
        report.line(String.format("Run time: %.0f s.", (System.nanoTime() - started) / 1e9));
        return report.text();
    }

    private static void environment(Report report, BenchStore store, Plan plan, long seed) {
        report.heading("Environment");
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        report.line("- Date " + LocalDate.now() + "; " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memory / (1L << 30) + " GiB; " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; Java " + System.getProperty("java.runtime.version")
                + ", heap max " + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB.");
        report.line("- PostgreSQL " + store.serverVersion() + ", pgvector " + store.pgvectorVersion()
                + "; shared_buffers " + store.setting("shared_buffers") + ", synchronous_commit "
                + store.setting("synchronous_commit") + ", fsync " + store.setting("fsync") + ", deadlock_timeout "
                + store.setting("deadlock_timeout") + "; same machine, over TCP loopback.");
        report.line("- Axon Framework " + axonVersion() + " (JdbcEventStorageEngine, Jackson serializers as in "
                + "platform/…/axon), Spring Boot " + SpringBootVersion.getVersion() + "; database "
                + store.databaseName() + ", migrated by the project's Flyway scripts.");
        report.line("- Profile " + plan.name() + ", " + plan.repeats() + " repeats, seed " + seed
                + "; the variants are interleaved within every repeat.");
    }

    private static String axonVersion() {
        try (var in = JdbcEventStorageEngine.class.getResourceAsStream(
                "/META-INF/maven/org.axonframework/axon-eventsourcing/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "?");
            }
        } catch (IOException ignored) {
            // fall through to the manifest
        }
        String version = JdbcEventStorageEngine.class.getPackage().getImplementationVersion();
        return version == null ? "?" : version;
    }
}
