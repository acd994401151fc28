package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Health probes and Prometheus metrics are served without a key; the API's own endpoints are not. */
class OperationsEndpointsTest extends ApiTestSupport {

    @Test
    void livenessAndReadinessAreUp() {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness"}) {
            Response response = call("GET", probe, null, null);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().get("status").stringValue()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheusExposesRequestAndDatabaseMetrics() {
        call("GET", "/v1", null, null);
        Response response = call("GET", "/actuator/prometheus", null, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
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
