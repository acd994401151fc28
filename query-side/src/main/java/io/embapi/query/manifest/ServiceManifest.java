package io.embapi.query.manifest;

import java.util.List;
import java.util.Map;

/**
 * What the service is and what it offers ({@code GET /v1}), in the reference's shape.
 *
 * @param name           service name ({@code SERVICE_API_NAME})
 * @param versions       API versions served
 * @param description    service description ({@code SERVICE_API_DESCRIPTION})
 * @param documentation  documentation URL ({@code SERVICE_API_DOC_URL})
 * @param serviceVersion the implementation's version
 * @param authentication the credential schemes
 * @param endpoints      the routes with their methods, description and tags
 */
public record ServiceManifest(
        String name,
        List<String> versions,
        String description,
        String documentation,
        String serviceVersion,
        Map<String, AuthScheme> authentication,
        List<Endpoint> endpoints) {

    /** A credential scheme: always HTTP bearer. */
    public record AuthScheme(String type, String scheme, String description) {
        static AuthScheme bearer(String description) {
            return new AuthScheme("http", "bearer", description);
        }
    }

    /** One route of the API. */
    public record Endpoint(String path, List<String> methods, String description, List<String> tags) {
    }
}
