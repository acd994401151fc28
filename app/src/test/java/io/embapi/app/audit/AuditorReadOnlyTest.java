package io.embapi.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every operation the application maps (Spring's handler mapping, so a new route is covered without editing
 * this test) with an auditor key, on real resources that the call would change if it were let through: every write
 * answers 403 and nothing changes; every read outside /v1/admin/ lets the auditor in.
 */
class AuditorReadOnlyTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyWriteRouteRefusesAnAuditorKeyAndChangesNothing() {
        User owner = newUser("rooo");
        User member = newUser("room");
        String embeddings = projectWithInstance(owner.handle(), owner.key(), "proj1", 3);
        assertThat(call("POST", "/v1/projects/" + owner.handle() + "/proj1/share", owner.key(),
                "{\"share_with_handle\":\"" + member.handle() + "\",\"role\":\"editor\"}").status()).isEqualTo(201);
        assertThat(call("POST", embeddings, owner.key(), "{\"embeddings\":[{\"text_id\":\"doc-1\","
                + "\"instance_handle\":\"embedding1\",\"vector\":[0.1,0.2,0.3],\"vector_dim\":3}]}").status())
                .isEqualTo(201);
        assertThat(call("PUT", "/v1/llm-definitions/" + owner.handle() + "/def1", owner.key(),
                "{\"definition_handle\":\"def1\",\"api_standard\":\"openai\",\"dimensions\":3}").status())
                .isEqualTo(201);
        String auditor = unique("auro");
        String auditorKey = call("POST", "/v1/admin/auditors", ADMIN_KEY, "{\"auditor_handle\":\"" + auditor + "\"}")
                .json().get("auditor_key").stringValue();
        Map<String, String> values = Map.of(
                "user_handle", owner.handle(), "project_handle", "proj1", "instance_handle", "embedding1",
                "definition_handle", "def1", "api_standard_handle", "openai", "text_id", "doc-1",
                "unshare_with_handle", member.handle(), "auditor_handle", auditor, "processor", "user-view",
                "sequence", "0");

        Map<String, Object> before = state();
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getName().startsWith("io.embapi.")) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("every operation names its methods: " + mapping.getValue()).isNotEmpty();
            for (String pattern : mapping.getKey().getPatternValues()) {
                String path = fill(pattern, values);
                for (RequestMethod method : methods) {
                    Response response = send(method.name(), path, auditorKey, "{}", "application/json");
                    String route = method + " " + pattern;
                    if (method == RequestMethod.GET) {
                        reads.add(route);
                        if (pattern.startsWith("/v1/admin/")) {
                            assertThat(response.status()).as(route).isEqualTo(403);
                        } else {
                            assertThat(response.status()).as(route + ": " + response.body()).isNotIn(401, 403);
                        }
                    } else {
                        writes.add(route);
                        assertThat(response.status()).as(route + ": " + response.body()).isEqualTo(403);
                        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                        assertThat(response.json().get("detail").stringValue())
                                .isEqualTo("auditor keys are read-only: " + method + " requests are refused");
                    }
                }
            }
        }
        assertThat(writes).hasSizeGreaterThanOrEqualTo(35)
                .contains("POST /v1/admin/auditors", "DELETE /v1/admin/auditors/{auditor_handle}",
                        "PUT /v1/users/{user_handle}", "POST /v1/embeddings/{user_handle}/{project_handle}",
                        "POST /v1/admin/encryption-key/rotate");
        assertThat(reads).contains("GET /v1/audit/events", "GET /v1/audit/events/export", "GET /v1/admin/footgun");
        assertThat(state()).isEqualTo(before);
        assertThat(call("GET", "/v1/audit/events?limit=1", auditorKey, null).status()).isEqualTo(200);
    }

    /** The event store's head, and the row counts of the tables a write could touch before its command. */
    private Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        state.put("events", jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry",
                Long.class));
        for (String table : List.of("data_key", "auditor_registry", "user_registry", "project_member",
                "embedding_registry", "instance_registry", "definition_registry", "api_standard_registry")) {
            state.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return state;
    }

    private static String fill(String pattern, Map<String, String> values) {
        String path = pattern;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(path).as("every path variable has a value: " + pattern).doesNotContain("{");
        return path;
    }
}
