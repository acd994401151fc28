package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Health probes and Prometheus metrics are served without a key on the management port (its own port, loopback by
 * default) and not at all on the API port; the API's own endpoints are not on the management port.
 */
class OperationsEndpointsTest extends ApiTestSupport {

    private static final String[] PROBES = {"/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness"};

    @Test
    void livenessAndReadinessAreUpOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String probe : PROBES) {
            Response response = management(probe);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().get("status").stringValue()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheusExposesRequestAndDatabaseMetricsOnTheManagementPort() {
        call("GET", "/v1", null, null);
        Response response = management("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theApiPortServesNoActuatorEndpoint() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator", "/actuator/health",
                "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response response = call("GET", path, null, null);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("jvm_memory").doesNotContain("\"UP\"");
        }
        assertThat(management("/v1").status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServed() {
        Response json = call("GET", "/openapi.json", null, null);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("paths").has("/v1/users/{user_handle}")).isTrue();
        assertThat(json.json().at("/paths/~1v1~1users~1{user_handle}/put/requestBody/content/application~1json/schema/$ref")
                .stringValue()).isEqualTo("#/components/schemas/User");
        Response yaml = call("GET", "/openapi.yaml", null, null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1.0");
        assertThat(call("GET", "/docs", null, null).status()).isIn(200, 302);
    }
}
