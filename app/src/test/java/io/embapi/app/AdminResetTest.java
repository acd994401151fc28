package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The reference's reset ({@code /v1/admin/footgun}), enabled for this context only (its own database): everything is
 * gone afterwards except the seeds, ids restart as in the reference, and the service works on.
 */
@TestPropertySource(properties = "embapi.admin.reset-enabled=true")
class AdminResetTest extends ApiTestSupport {

    @Test
    void theResetKeepsOnlyTheSeedsAndIdsRestart() {
        String alice = unique("reset");
        String key = createUser(alice);
        call("PUT", "/v1/llm-instances/" + alice + "/embedding1", key,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":5,\"api_key\":\"sk-reset\"}");
        assertThat(call("PUT", "/v1/projects/" + alice + "/first", key,
                "{\"project_handle\":\"first\",\"instance_handle\":\"embedding1\"}").status()).isEqualTo(201);
        call("PUT", "/v1/api-standards/custom", ADMIN_KEY, "{\"api_standard_handle\":\"custom\",\"description\":\"d\","
                + "\"key_method\":\"auth_bearer\",\"key_field\":\"Authorization\"}");

        assertThat(call("GET", "/v1/admin/footgun", key, null).status()).isEqualTo(401);
        Response reset = call("GET", "/v1/admin/footgun", ADMIN_KEY, null);
        assertThat(reset.status()).isEqualTo(204);
        assertThat(reset.body()).isEmpty();

        assertThat(call("GET", "/v1/users", ADMIN_KEY, null).json()).hasSize(1);
        assertThat(call("GET", "/v1/users/_system", ADMIN_KEY, null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/users/" + alice, key, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/api-standards", null, null).json().get("api_standards")).hasSize(3);
        assertThat(call("GET", "/v1/llm-definitions/_system/openai-large", null, null).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject LIKE 'instance:%'",
                Integer.class)).isZero();

        String bob = unique("reset");
        String bobKey = createUser(bob);
        assertThat(call("PUT", "/v1/llm-instances/" + bob + "/embedding1", bobKey,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":5}").json().get("instance_id").longValue())
                .isEqualTo(1);
        assertThat(call("PUT", "/v1/projects/" + bob + "/first", bobKey, "{\"project_handle\":\"first\"}")
                .json().get("project_id").longValue()).isEqualTo(1);
        assertThat(call("PUT", "/v1/llm-definitions/" + bob + "/mine", bobKey,
                "{\"definition_handle\":\"mine\",\"api_standard\":\"openai\"}").json().get("definition_id")
                .longValue()).isEqualTo(5);
        assertThat(call("GET", "/v1/projects/" + bob + "/first", bobKey, null).status()).isEqualTo(200);
    }
}
