package io.embapi.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The alert rules ({@code ops/prometheus/alerts.yml}) and the Grafana dashboard ({@code ops/grafana/…}) name only
 * metrics that a real scrape of the service has, so that a renamed metric cannot silently leave an alert that never
 * fires or a panel that stays empty. Metrics of other exporters (node_exporter, blackbox_exporter) and Prometheus'
 * own {@code up} are listed explicitly.
 */
class MonitoringConfigTest extends ApiTestSupport {

    /** What the rules may use that the service does not export. */
    private static final Set<String> EXTERNAL = Set.of("up", "node_filesystem_avail_bytes",
            "node_filesystem_size_bytes", "probe_ssl_earliest_cert_expiry");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private static Path ops() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ops/prometheus"))) {
                return dir.resolve("ops");
            }
        }
        throw new IllegalStateException("ops/prometheus not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(ops().resolve("prometheus/alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        return expressions;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(ops().resolve("grafana/embapi-dashboard.json")));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.get("expr").stringValue());
            }
        }
        return expressions;
    }

    private static Set<String> dashboardVariableMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(ops().resolve("grafana/embapi-dashboard.json")));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher matcher = LABEL_VALUES.matcher(variable.path("definition").asString(""));
            while (matcher.find()) {
                metrics.add(matcher.group(1));
            }
        }
        return metrics;
    }

    /**
     * The metric names in a PromQL expression: label matchers, ranges, strings and grouping clauses removed, what
     * is left is a metric name unless it is a function (followed by a parenthesis), a keyword or a number.
     */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String token = matcher.group();
            String rest = bare.substring(matcher.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    @Test
    void theExtractorFindsMetricNamesAndNothingElse() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(embapi_search_seconds_bucket"
                + "{job=~\"$job\"}[$__rate_interval])))")).containsExactly("embapi_search_seconds_bucket");
        assertThat(metricNames("100 * (1 - node_filesystem_avail_bytes{job=\"node\",fstype!~\"a|b\"} / "
                + "node_filesystem_size_bytes{job=\"node\"}) > 80"))
                .containsExactly("node_filesystem_avail_bytes", "node_filesystem_size_bytes");
        assertThat(metricNames("(probe_ssl_earliest_cert_expiry{job=\"blackbox-tls\"} - time()) / 86400 < 14"))
                .containsExactly("probe_ssl_earliest_cert_expiry");
        assertThat(metricNames("max by (processor) (embapi_processor_lag) > 1e3"))
                .containsExactly("embapi_processor_lag");
    }

    @Test
    void everyMetricOfTheAlertsAndTheDashboardIsInARealScrape() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String expression : alertExpressions()) {
            used.addAll(metricNames(expression));
        }
        for (String expression : dashboardExpressions()) {
            used.addAll(metricNames(expression));
        }
        used.addAll(dashboardVariableMetrics());
        // Not vacuous: the guide's alerts and panels are there.
        assertThat(used).contains("embapi_auth_failures_total", "embapi_database_up", "embapi_processor_lag",
                "embapi_processor_dead_letters", "embapi_ratelimit_rejected_total", "embapi_embeddings_ingested_total",
                "embapi_search_seconds_bucket", "http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
                "node_filesystem_avail_bytes", "probe_ssl_earliest_cert_expiry", "up");

        exerciseEverything();
        Set<String> scraped = PrometheusScrape.parse(management("/actuator/prometheus").body()).names();
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(scraped);
        missing.removeAll(EXTERNAL);
        assertThat(missing).as("metrics named in alerts.yml or the dashboard but not exported").isEmpty();
    }

    /** Requests that make the lazily registered series appear (a search timer exists after the first search). */
    private void exerciseEverything() {
        User owner = newUser("mon");
        String path = projectWithInstance(owner.handle(), owner.key(), "prj", 3);
        assertThat(call("POST", path, owner.key(), "{\"embeddings\":[{\"text_id\":\"a\",\"instance_handle\":"
                + "\"embedding1\",\"vector\":[0.1,0.2,0.3],\"vector_dim\":3},{\"text_id\":\"b\",\"instance_handle\":"
                + "\"embedding1\",\"vector\":[0.3,0.2,0.1],\"vector_dim\":3}]}").status()).isEqualTo(201);
        assertThat(call("GET", "/v1/similars/" + owner.handle() + "/prj/a", owner.key(), null).status())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/users", "wrong", null).status()).isEqualTo(401);
    }
}
