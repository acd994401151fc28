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

    @Test
    void theSanityCheckFindsEmbeddingsThatNoLongerFitTheirInstanceOrSchema() {
        String owner = unique("sane");
        String key = createUser(owner);
        call("PUT", "/v1/llm-instances/" + owner + "/embedding1", key,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":3}");
        call("PUT", "/v1/projects/" + owner + "/strict", key, "{\"project_handle\":\"strict\","
                + "\"instance_handle\":\"embedding1\",\"metadataScheme\":\"{\\\"type\\\":\\\"object\\\"}\"}");
        call("PUT", "/v1/projects/" + owner + "/loose", key,
                "{\"project_handle\":\"loose\",\"instance_handle\":\"embedding1\"}");
        String item = "{\"embeddings\":[{\"text_id\":\"doc\",\"instance_handle\":\"embedding1\","
                + "\"vector\":[1,2,3],\"vector_dim\":3,\"metadata\":{\"author\":\"A\"}}]}";
        assertThat(call("POST", "/v1/embeddings/" + owner + "/strict", key, item).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/embeddings/" + owner + "/loose", key, item).status()).isEqualTo(201);

        call("PATCH", "/v1/projects/" + owner + "/strict", key, "{\"metadataScheme\":\"{\\\"type\\\":\\\"object\\\","
                + "\\\"required\\\":[\\\"year\\\"]}\"}");
        call("PATCH", "/v1/llm-instances/" + owner + "/embedding1", key, "{\"dimensions\":4}");

        String issues = call("GET", "/v1/admin/sanity-check", ADMIN_KEY, null).json().toString();
        assertThat(issues)
                .contains("Project " + owner + "/strict: text_id 'doc': vector dimension 3 does not match LLM service "
                        + "dimension 4")
                .contains("Project " + owner + "/strict: text_id 'doc': metadata validation failed:")
                .contains("year")
                .contains("Project " + owner + "/loose has 1 embeddings but no metadata schema defined");
    }
}
