package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The service manifest at {@code GET /v1} and {@code GET /} (spec §4.1, §7.19). */
class ManifestTest extends HttpTestSupport {

    private static final List<String> PATHS = List.of(
            "/v1/users",
            "/v1/users/{user_handle}",
            "/v1/projects/{user_handle}",
            "/v1/projects/{user_handle}/{project_handle}",
            "/v1/projects/{user_handle}/{project_handle}/share",
            "/v1/projects/{user_handle}/{project_handle}/share/{unshare_with_handle}",
            "/v1/projects/{user_handle}/{project_handle}/shared-with",
            "/v1/projects/{user_handle}/{project_handle}/transfer-ownership",
            "/v1/embeddings/{user_handle}/{project_handle}",
            "/v1/embeddings/{user_handle}/{project_handle}/{text_id}",
            "/v1/similars/{user_handle}/{project_handle}/{text_id}",
            "/v1/similars/{user_handle}/{project_handle}",
            "/v1/llm-definitions/{user_handle}",
            "/v1/llm-definitions/{user_handle}/{definition_handle}",
            "/v1/llm-definitions/{user_handle}/{definition_handle}/share",
            "/v1/llm-definitions/{user_handle}/{definition_handle}/share/{unshare_with_handle}",
            "/v1/llm-definitions/{user_handle}/{definition_handle}/shared-with",
            "/v1/llm-instances/{user_handle}",
            "/v1/llm-instances/{user_handle}/from-definition",
            "/v1/llm-instances/{user_handle}/{instance_handle}",
            "/v1/llm-instances/{user_handle}/{instance_handle}/share",
            "/v1/llm-instances/{user_handle}/{instance_handle}/share/{unshare_with_handle}",
            "/v1/llm-instances/{user_handle}/{instance_handle}/shared-with",
            "/v1/api-standards",
            "/v1/api-standards/{api_standard_handle}",
            "/v1/admin/footgun",
            "/v1/admin/sanity-check");

    @Test
    void manifestIsPublicAndSatisfiesTheReferenceTest() {
        Response response = call("GET", "/v1", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode manifest = response.json();
        assertThat(manifest.get("name").stringValue()).isNotBlank();
        assertThat(manifest.get("versions").values()).extracting(JsonNode::stringValue).contains("v1");
        assertThat(manifest.get("description").stringValue()).isNotBlank();
        assertThat(manifest.get("serviceVersion").stringValue()).isNotBlank();
        assertThat(manifest.get("authentication").size()).isPositive();
        assertThat(manifest.get("documentation").stringValue()).isEqualTo("https://mpilhlt.github.io/embapi/");
        assertThat(endpoint(manifest, "/v1/users").get("methods").values()).extracting(JsonNode::stringValue)
                .contains("GET", "POST");
        assertThat(paths(manifest)).contains("/v1/projects/{user_handle}/{project_handle}",
                "/v1/embeddings/{user_handle}/{project_handle}",
                "/v1/similars/{user_handle}/{project_handle}/{text_id}");
    }

    @Test
    void rootServesTheSameManifest() {
        Response root = call("GET", "/", null, null);

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json()).isEqualTo(call("GET", "/v1", null, null).json());
    }

    @Test
    void manifestIgnoresAnInvalidKey() {
        Response response = call("GET", "/v1", "certainly-not-a-key", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").stringValue()).isEqualTo("DHaMPS Vector Database API");
    }

    @Test
    void manifestHasTheReferenceDefaultsAndFieldOrder() {
        JsonNode manifest = call("GET", "/v1", null, null).json();

        assertThat(names(manifest)).containsExactly("name", "versions", "description", "documentation",
                "serviceVersion", "authentication", "endpoints");
        assertThat(manifest.get("name").stringValue()).isEqualTo("DHaMPS Vector Database API");
        assertThat(manifest.get("versions")).isEqualTo(json("[\"v1\"]"));
        assertThat(manifest.get("description").stringValue()).isEqualTo("PostgreSQL-backed vector database with "
                + "pgvector support, providing a RESTful API for managing embeddings in Retrieval Augmented "
                + "Generation (RAG) workflows");
        assertThat(manifest.get("serviceVersion").stringValue()).isEqualTo("0.0.1");
    }

    @Test
    void manifestDescribesTheFourBearerSchemes() {
        JsonNode authentication = call("GET", "/v1", null, null).json().get("authentication");

        assertThat(authentication).isEqualTo(json("""
                {"adminAuth":  {"type":"http","scheme":"bearer",
                                "description":"Admin API key for administrative operations"},
                 "ownerAuth":  {"type":"http","scheme":"bearer",
                                "description":"Owner API key for resource management"},
                 "editorAuth": {"type":"http","scheme":"bearer",
                                "description":"Editor API key for editing shared resources"},
                 "readerAuth": {"type":"http","scheme":"bearer",
                                "description":"Reader API key for read-only access to shared resources"}}
                """));
        assertThat(names(authentication)).containsExactly("adminAuth", "ownerAuth", "editorAuth", "readerAuth");
    }

    @Test
    void manifestListsTheReference27EndpointsInOrder() {
        JsonNode manifest = call("GET", "/v1", null, null).json();

        assertThat(paths(manifest)).containsExactlyElementsOf(PATHS);
        for (JsonNode endpoint : manifest.get("endpoints").values()) {
            assertThat(names(endpoint)).containsExactly("path", "methods", "description", "tags");
            assertThat(endpoint.get("methods").size()).as("%s", endpoint).isPositive();
            assertThat(endpoint.get("description").stringValue()).as("%s", endpoint).isNotBlank();
            assertThat(endpoint.get("tags").size()).as("%s", endpoint).isPositive();
        }
    }

    @Test
    void manifestEndpointsCarryTheReferenceMethodsDescriptionsAndTags() {
        JsonNode manifest = call("GET", "/v1", null, null).json();

        assertThat(endpoint(manifest, "/v1/users")).isEqualTo(json("""
                {"path":"/v1/users","methods":["GET","POST"],"description":"Manage users","tags":["users"]}"""));
        assertThat(endpoint(manifest, "/v1/users/{user_handle}")).isEqualTo(json("""
                {"path":"/v1/users/{user_handle}","methods":["GET","PUT","DELETE"],
                 "description":"Manage a specific user","tags":["users"]}"""));
        assertThat(endpoint(manifest, "/v1/projects/{user_handle}/{project_handle}/share")).isEqualTo(json("""
                {"path":"/v1/projects/{user_handle}/{project_handle}/share","methods":["GET","POST"],
                 "description":"Manage project sharing","tags":["projects","sharing"]}"""));
        assertThat(endpoint(manifest, "/v1/embeddings/{user_handle}/{project_handle}/{text_id}")).isEqualTo(json("""
                {"path":"/v1/embeddings/{user_handle}/{project_handle}/{text_id}","methods":["GET","PUT","DELETE"],
                 "description":"Manage a specific embedding by text ID","tags":["embeddings"]}"""));
        assertThat(endpoint(manifest, "/v1/llm-instances/{user_handle}/from-definition")).isEqualTo(json("""
                {"path":"/v1/llm-instances/{user_handle}/from-definition","methods":["POST"],
                 "description":"Create an LLM service instance from a definition","tags":["llm-services"]}"""));
        assertThat(endpoint(manifest, "/v1/admin/footgun")).isEqualTo(json("""
                {"path":"/v1/admin/footgun","methods":["GET"],
                 "description":"Reset the database (admin only, for testing)","tags":["admin"]}"""));
    }

    private static List<String> paths(JsonNode manifest) {
        List<String> paths = new ArrayList<>();
        manifest.get("endpoints").values().forEach(e -> paths.add(e.get("path").stringValue()));
        return paths;
    }

    private static JsonNode endpoint(JsonNode manifest, String path) {
        return manifest.get("endpoints").values().stream()
                .filter(e -> e.get("path").stringValue().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in the manifest"));
    }
}
