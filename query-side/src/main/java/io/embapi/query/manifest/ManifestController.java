package io.embapi.query.manifest;

import io.embapi.platform.config.EmbapiProperties;
import io.embapi.platform.security.PublicAccess;
import io.embapi.query.manifest.ServiceManifest.AuthScheme;
import io.embapi.query.manifest.ServiceManifest.Endpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service manifest at {@code GET /} and {@code GET /v1}: public, static, the reference's 27 routes. */
@RestController
@Tag(name = "manifest")
class ManifestController {

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("/v1/users", "GET,POST", "Manage users", "users"),
            endpoint("/v1/users/{user_handle}", "GET,PUT,DELETE", "Manage a specific user", "users"),
            endpoint("/v1/projects/{user_handle}", "GET,POST", "List or create projects for a user", "projects"),
            endpoint("/v1/projects/{user_handle}/{project_handle}", "GET,PUT,DELETE", "Manage a specific project",
                    "projects"),
            endpoint("/v1/projects/{user_handle}/{project_handle}/share", "GET,POST", "Manage project sharing",
                    "projects", "sharing"),
            endpoint("/v1/projects/{user_handle}/{project_handle}/share/{unshare_with_handle}", "DELETE",
                    "Remove sharing access to a project", "projects", "sharing"),
            endpoint("/v1/projects/{user_handle}/{project_handle}/shared-with", "GET",
                    "List users with whom a project is shared", "projects", "sharing"),
            endpoint("/v1/projects/{user_handle}/{project_handle}/transfer-ownership", "POST",
                    "Transfer ownership of a project to another user", "projects"),
            endpoint("/v1/embeddings/{user_handle}/{project_handle}", "GET,POST,DELETE",
                    "Manage embeddings in a project", "embeddings"),
            endpoint("/v1/embeddings/{user_handle}/{project_handle}/{text_id}", "GET,PUT,DELETE",
                    "Manage a specific embedding by text ID", "embeddings"),
            endpoint("/v1/similars/{user_handle}/{project_handle}/{text_id}", "GET",
                    "Find similar documents by text ID", "similarity"),
            endpoint("/v1/similars/{user_handle}/{project_handle}", "POST",
                    "Find similar documents by posting a vector", "similarity"),
            endpoint("/v1/llm-definitions/{user_handle}", "GET,POST", "List or create LLM service definitions",
                    "llm-services"),
            endpoint("/v1/llm-definitions/{user_handle}/{definition_handle}", "GET,PUT,DELETE",
                    "Manage a specific LLM service definition", "llm-services"),
            endpoint("/v1/llm-definitions/{user_handle}/{definition_handle}/share", "POST",
                    "Share an LLM service definition with other users", "llm-services", "sharing"),
            endpoint("/v1/llm-definitions/{user_handle}/{definition_handle}/share/{unshare_with_handle}", "DELETE",
                    "Remove sharing access to an LLM service definition", "llm-services", "sharing"),
            endpoint("/v1/llm-definitions/{user_handle}/{definition_handle}/shared-with", "GET",
                    "List users with whom an LLM service definition is shared", "llm-services", "sharing"),
            endpoint("/v1/llm-instances/{user_handle}", "GET,POST", "List or create LLM service instances",
                    "llm-services"),
            endpoint("/v1/llm-instances/{user_handle}/from-definition", "POST",
                    "Create an LLM service instance from a definition", "llm-services"),
            endpoint("/v1/llm-instances/{user_handle}/{instance_handle}", "GET,PUT,DELETE",
                    "Manage a specific LLM service instance", "llm-services"),
            endpoint("/v1/llm-instances/{user_handle}/{instance_handle}/share", "POST",
                    "Share an LLM service instance with other users", "llm-services", "sharing"),
            endpoint("/v1/llm-instances/{user_handle}/{instance_handle}/share/{unshare_with_handle}", "DELETE",
                    "Remove sharing access to an LLM service instance", "llm-services", "sharing"),
            endpoint("/v1/llm-instances/{user_handle}/{instance_handle}/shared-with", "GET",
                    "List users with whom an LLM service instance is shared", "llm-services", "sharing"),
            endpoint("/v1/api-standards", "GET,POST", "List or create API standards", "api-standards"),
            endpoint("/v1/api-standards/{api_standard_handle}", "GET,PUT,DELETE", "Manage a specific API standard",
                    "api-standards"),
            endpoint("/v1/admin/footgun", "GET", "Reset the database (admin only, for testing)", "admin"),
            endpoint("/v1/admin/sanity-check", "GET", "Perform a sanity check on the database", "admin"));

    private final ServiceManifest manifest;

    ManifestController(EmbapiProperties properties) {
        EmbapiProperties.Manifest m = properties.manifest();
        Map<String, AuthScheme> authentication = new LinkedHashMap<>();
        authentication.put("adminAuth", AuthScheme.bearer("Admin API key for administrative operations"));
        authentication.put("ownerAuth", AuthScheme.bearer("Owner API key for resource management"));
        authentication.put("editorAuth", AuthScheme.bearer("Editor API key for editing shared resources"));
        authentication.put("readerAuth",
                AuthScheme.bearer("Reader API key for read-only access to shared resources"));
        this.manifest = new ServiceManifest(m.name(), List.of("v1"), m.description(), m.documentation(),
                m.serviceVersion(), authentication, ENDPOINTS);
    }

    @GetMapping({"/", "/v1"})
    @PublicAccess
    @Operation(summary = "Service manifest")
    ServiceManifest manifest() {
        return manifest;
    }

    private static Endpoint endpoint(String path, String methods, String description, String... tags) {
        return new Endpoint(path, List.of(methods.split(",")), description, List.of(tags));
    }
}
