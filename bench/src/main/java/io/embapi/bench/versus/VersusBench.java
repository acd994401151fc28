package io.embapi.bench.versus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service against raw pgvector on one PostgreSQL in one run (issue 9): ingestion to searchable and to indexed
 * vs batched INSERT, search through the REST API vs the same SQL over JDBC with recall against brute force,
 * projection rebuild vs COPY + CREATE INDEX, and the service's peak RSS. Each figure is reported as a ratio to its
 * raw counterpart next to its target, in {@code docs/benchmarks.md} with PNG charts. Run by {@code ops/bench}.
 */
@Command(name = "ops/bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "embapi vs raw pgvector: ingestion, search, rebuild and peak RSS, side by side in one run.")
public final class VersusBench implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, description = "PostgreSQL with pgvector, as a superuser (a "
            + "database per data set is created and dropped), e.g. jdbc:postgresql://127.0.0.1:55432/postgres")
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;
    @Option(names = "--jdbc-password", defaultValue = "")
    String jdbcPassword;
    @Option(names = "--jar", defaultValue = "app/target/embapi.jar", description = "the service (default: "
            + "${DEFAULT-VALUE})")
    Path jar;
    @Option(names = "--jvm-options", defaultValue = "ops/jvm.options", description = "java @argfile for the "
            + "service, or 'none' for the JVM's defaults (default: ${DEFAULT-VALUE})")
    String jvmOptions;
    @Option(names = "--service-env", description = "more environment for the service, KEY=VALUE (repeatable)")
    Map<String, String> serviceEnv = new LinkedHashMap<>();
    @Option(names = "--datasets", split = ",", defaultValue = "384x10000,384x100000,1536x10000",
            description = "DIMSxROWS list (default: ${DEFAULT-VALUE}; 384x1000000 is the optional 1M)")
    List<String> datasets;
    @Option(names = "--batch", defaultValue = "500", description = "rows per upload and per INSERT transaction")
    int batch;
    @Option(names = "--queries", defaultValue = "1000", description = "timed queries per search cell")
    int queries;
    @Option(names = "--recall-queries", defaultValue = "200", description = "queries graded against brute force")
    int recallQueries;
    @Option(names = "--warm-up", defaultValue = "20", description = "untimed queries per client before each cell")
    int warmUp;
    @Option(names = "--service-warm-up", defaultValue = "1000",
            description = "untimed API searches once per service before the cells (the JIT warms up)")
    int serviceWarmUp;
    @Option(names = "--clients", split = ",", defaultValue = "1,4")
    List<Integer> clients;
    @Option(names = "--repeats", defaultValue = "1", description = "search repeats (interleaved; medians)")
    int repeats;
    @Option(names = "--read-your-writes-samples", defaultValue = "20",
            description = "uploads checked right after their 201 (GET and search by the row's own vector)")
    int rywSamples;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--smoke", description = "tiny sizes, about a minute; checks that every table was produced with "
            + "sane values and exits non-zero otherwise (CI)")
    boolean smoke;
    @Option(names = "--out", description = "the Markdown report (default docs/benchmarks.md; smoke: "
            + "bench/target/benchmarks-smoke.md)")
    Path out;
    @Option(names = "--charts", description = "directory for the PNG charts (default docs/benchmarks; smoke: "
            + "bench/target/benchmarks-smoke)")
    Path charts;
    @Option(names = "--start-timeout", defaultValue = "600", description = "seconds the service may take to start "
            + "(default: ${DEFAULT-VALUE}; a busy 2-core machine needs minutes)")
    int startTimeout;
    @Option(names = "--keep-databases", description = "keep each data set's database after the run")
    boolean keepDatabases;

    private Path logs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VersusBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            datasets = List.of("384x3000");
            queries = 100;
            recallQueries = 30;
            warmUp = 5;
            serviceWarmUp = 100;
            repeats = 1;
            rywSamples = 3;
        }
        if (out == null) {
            out = Path.of(smoke ? "bench/target/benchmarks-smoke.md" : "docs/benchmarks.md");
        }
        if (charts == null) {
            charts = Path.of(smoke ? "bench/target/benchmarks-smoke" : "docs/benchmarks");
        }
        logs = Files.createTempDirectory("embapi-bench-logs");
        JdbcTarget server = JdbcTarget.parse(jdbcUrl, jdbcUser, jdbcPassword);
        List<int[]> sets = new ArrayList<>();
        double estimate = 0;
        for (String dataset : datasets) {
            String[] parts = dataset.toLowerCase().split("x");
            int[] set = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            sets.add(set);
            estimate += Estimates.dataSet(set[0], set[1], queries, recallQueries, serviceWarmUp, repeats, clients);
        }
        Environment environment;
        try (Connection db = server.connect()) {
            environment = Environment.capture(db, this);
        }
        Progress progress = new Progress(System.err, estimate);
        progress.note("[bench] " + datasets + ", " + queries + " queries per cell, clients " + clients + ", "
                + repeats + " repeat(s); expected duration about " + Progress.clock(estimate)
                + " (2-core reference machine); load average " + environment.loadAverage());
        List<Results.DataSet> results = new ArrayList<>();
        for (int[] set : sets) {
            results.add(new DataSetRun(this, progress, set[0], set[1]).run(server));
        }
        progress.finish();
        double seconds = progress.elapsedSeconds();
        Files.createDirectories(charts);
        List<Path> pngs = Charts.write(charts, results, clients);
        String report = BenchmarkReport.render(environment, this, results, pngs, out, seconds, estimate);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report);
        System.out.println(BenchmarkReport.summary(results));
        System.err.println("[bench] report written to " + out + ", charts to " + charts + " (" + Math.round(seconds)
                + " s)");
        if (smoke) {
            List<String> problems = Results.problems(results, clients);
            for (Path png : pngs) {
                if (!Files.isRegularFile(png) || Files.size(png) < 1000) {
                    problems.add("chart " + png + " missing or empty");
                }
            }
            if (!problems.isEmpty()) {
                problems.forEach(problem -> System.err.println("[bench] SMOKE FAILED: " + problem));
                return 1;
            }
            System.err.println("[bench] smoke: every table produced, values sane");
        }
        return 0;
    }

    Path jvmOptionsFile() {
        return jvmOptions == null || jvmOptions.equals("none") ? null : Path.of(jvmOptions);
    }

    Path logDirectory() {
        return logs;
    }
}
