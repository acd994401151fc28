package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admin endpoints in the default configuration: the reset is refused, the sanity check reports. */
class AdminChecksTest extends ApiTestSupport {

    @Test
    void theResetIsDisabledUnlessConfigured() {
        Response response = call("GET", "/v1/admin/footgun", ADMIN_KEY, null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").stringValue()).contains("SERVICE_ENABLE_FOOTGUN");
        assertThat(call("GET", "/v1/admin/footgun", null, null).status()).isEqualTo(401);
    }

    @Test
    void theSanityCheckReportsProjectsWithoutAnInstance() {
        String owner = unique("sane");
        String key = createUser(owner);
        call("PUT", "/v1/llm-instances/" + owner + "/embedding1", key,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":5}");
        call("PUT", "/v1/projects/" + owner + "/linked", key,
                "{\"project_handle\":\"linked\",\"instance_handle\":\"embedding1\"}");
        call("PUT", "/v1/projects/" + owner + "/bare", key, "{\"project_handle\":\"bare\"}");

        assertThat(call("GET", "/v1/admin/sanity-check", key, null).status()).isEqualTo(401);
        Response report = call("GET", "/v1/admin/sanity-check", ADMIN_KEY, null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("status").stringValue()).isEqualTo("FAILED");
        assertThat(report.json().get("total_projects").longValue()).isGreaterThanOrEqualTo(2);
        assertThat(report.json().get("issues").toString())
                .contains("Project " + owner + "/bare: unable to get LLM service instance: no instance linked")
                .doesNotContain("Project " + owner + "/linked");
        assertThat(report.json().get("issues_count").intValue()).isEqualTo(report.json().get("issues").size());
    }
}
