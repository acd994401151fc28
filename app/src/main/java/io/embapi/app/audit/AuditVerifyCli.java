package io.embapi.app.audit;

import io.embapi.platform.audit.ChainReport;
import io.embapi.platform.audit.ChainVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ops/audit-verify}: verifies the event history's hash chain and exits 0 when it is intact, 1 when it is
 * broken (printing the first broken position), 2 when it could not check. Two ways, same result: through the
 * running service ({@code --url}, the admin key from {@code SERVICE_ADMINKEY}), or straight over JDBC with the
 * service's database settings ({@code SERVICE_DB*}), which works while the service is down. Secrets come from the
 * environment only, never from the command line (where {@code ps} would show them).
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Verifies the event history's hash chain (ADR 0008). Exit 0: intact, 1: broken, 2: not checked.",
        footer = {"", "Environment:",
                "  SERVICE_ADMINKEY           admin key for --url",
                "  EMBAPI_AUDIT_JDBC_URL      JDBC URL; default jdbc:postgresql://SERVICE_DBHOST:SERVICE_DBPORT/SERVICE_DBNAME",
                "  SERVICE_DBHOST/PORT/NAME   as for the service (localhost, 5432, postgres)",
                "  SERVICE_DBUSER/PASSWORD    as for the service (postgres, password)"})
public final class AuditVerifyCli implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int NOT_CHECKED = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", description = "Ask the running service at this base URL (e.g. http://localhost:8880) "
            + "instead of connecting to the database.")
    String url;

    @Option(names = "--from", description = "First chain position to check (default 1).")
    Long from;

    @Option(names = "--to", description = "Last chain position to check (default: the head).")
    Long to;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    AuditVerifyCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditVerifyCli(System.getenv(), System.out, System.err)).execute(args));
    }

    @Override
    public Integer call() {
        if ((from != null && from < 1) || (to != null && to < (from == null ? 1 : from))) {
            err.println("audit-verify: --from must be >= 1 and --to >= --from");
            return NOT_CHECKED;
        }
        ChainReport report;
        try {
            report = url == null ? overJdbc() : overHttp();
        } catch (RuntimeException | IOException e) {
            err.println("audit-verify: could not verify: " + e.getMessage());
            return NOT_CHECKED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_CHECKED;
        }
        out.println(json ? JSON.writeValueAsString(report) : describe(report));
        return report.intact() ? INTACT : BROKEN;
    }

    private ChainReport overJdbc() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        String jdbcUrl = env.get("EMBAPI_AUDIT_JDBC_URL");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            jdbcUrl = "jdbc:postgresql://" + env("SERVICE_DBHOST", "localhost") + ":" + env("SERVICE_DBPORT", "5432")
                    + "/" + env("SERVICE_DBNAME", "postgres");
        }
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(env("SERVICE_DBUSER", "postgres"));
        dataSource.setPassword(env("SERVICE_DBPASSWORD", "password"));
        dataSource.setApplicationName("embapi-audit-verify");
        return new ChainVerifier(dataSource).verify(from, to);
    }

    private ChainReport overHttp() throws IOException, InterruptedException {
        String key = env.get("SERVICE_ADMINKEY");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("SERVICE_ADMINKEY is not set (the admin key, from the environment)");
        }
        StringBuilder query = new StringBuilder();
        if (from != null) {
            query.append("from=").append(from);
        }
        if (to != null) {
            query.append(query.isEmpty() ? "" : "&").append("to=").append(to);
        }
        URI uri = URI.create(url.replaceAll("/+$", "") + "/v1/admin/audit/verify"
                + (query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofHours(1))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), ChainReport.class);
    }

    static String describe(ChainReport report) {
        String head = report.head() == null ? "empty chain"
                : "head position " + report.head().position() + " (global index " + report.head().globalIndex()
                + ") sha256 " + report.head().hash();
        String range = report.to() == 0 ? "" : " (positions " + report.from() + ".." + report.to() + ")";
        if (report.intact()) {
            return "event chain intact: " + report.verified() + " entries verified" + range + "; " + head
                    + (report.pending() == null ? "" : "; " + report.pending() + " event(s) not chained yet")
                    + "; " + report.elapsedMillis() + " ms";
        }
        ChainReport.Broken broken = report.broken();
        String where = broken.position() == null ? "global index " + broken.globalIndex()
                : "position " + broken.position() + " (global index " + broken.globalIndex() + ")";
        return "event chain BROKEN at " + where + ": " + broken.reason() + ": " + broken.detail() + "\n"
                + report.verified() + " entries verified before it (from position " + report.from() + "); " + head;
    }

    private String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
