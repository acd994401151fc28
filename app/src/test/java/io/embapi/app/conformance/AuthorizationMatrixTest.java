package io.embapi.app.conformance;

import static io.embapi.app.ProblemAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the running application × every kind of caller (issue 9), with the outcome written down below
 * (reference spec §2.5/§2.6; ADR 0002 and the README's deliberate differences: the admin may do what an owner may;
 * ADR 0010: auditors read what the admin reads outside {@code /v1/admin/} and are refused every write with 403).
 * The route list comes from Spring's handler mappings, so a new route without a row fails
 * {@link #everyMappedRouteHasARowAndEveryRowARoute()}.
 *
 * <p>An allowed call must really succeed (2xx) — destructive ones run on resources made for the case — and a refused
 * one must not append any event. Routes with a project in the path use the private project, except in the
 * "anonymous on a public project" column, which uses the public one (for routes without a project that column is a
 * call without a key).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends ApiTestSupport {

    /** Who calls. */
    enum Identity { NONE, GARBAGE, OTHER_USER, READER, EDITOR, OWNER, ADMIN, AUDITOR, ANONYMOUS_ON_PUBLIC }

    /** Allowed: the call must answer 2xx. */
    private static final int OK = 2;
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                                   none garb other read edit owner admin audit anon
        //                                                                             user                             @pub
        // Service description: public.
        row("GET /",                                                          OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK);
        row("GET /v1",                                                        OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK);
        row("GET /openapi.yaml",                                              OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK);
        // Users: admin; the user itself for its own account.
        row("GET /v1/users",                                                  401, 401, 401, 401, 401, 401, OK,  OK,  401);
        row("POST /v1/users",                                                 401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("PUT /v1/users/{user_handle}",                                    401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("PATCH /v1/users/{user_handle}",                                  401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/users/{user_handle}",                                    401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        row("DELETE /v1/users/{user_handle}",                                 401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("POST /v1/users/{user_handle}/keys/rotate",                       401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/users/{user_handle}/history",                            401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        // Projects: owner and admin; reading one project also its members and, if public, anyone.
        row("GET /v1/projects/{user_handle}",                                 401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        row("POST /v1/projects/{user_handle}",                                401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PUT /v1/projects/{user_handle}/{project_handle}",                401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PATCH /v1/projects/{user_handle}/{project_handle}",              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/projects/{user_handle}/{project_handle}",                401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        row("DELETE /v1/projects/{user_handle}/{project_handle}",             401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("POST /v1/projects/{user_handle}/{project_handle}/share",         401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("DELETE /v1/projects/{user_handle}/{project_handle}/share/{unshare_with_handle}",
                                                                              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/projects/{user_handle}/{project_handle}/shared-with",    401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        row("POST /v1/projects/{user_handle}/{project_handle}/transfer-ownership",
                                                                              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/projects/{user_handle}/{project_handle}/history",        401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        // Embeddings: editors write; readers (and anyone on a public project) read.
        row("POST /v1/embeddings/{user_handle}/{project_handle}",             401, 401, 401, 401, OK,  OK,  OK,  403, 401);
        row("GET /v1/embeddings/{user_handle}/{project_handle}",              401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        row("DELETE /v1/embeddings/{user_handle}/{project_handle}",           401, 401, 401, 401, OK,  OK,  OK,  403, 401);
        row("GET /v1/embeddings/{user_handle}/{project_handle}/{text_id}",    401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        row("DELETE /v1/embeddings/{user_handle}/{project_handle}/{text_id}", 401, 401, 401, 401, OK,  OK,  OK,  403, 401);
        row("GET /v1/embeddings/{user_handle}/{project_handle}/{text_id}/history",
                                                                              401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        // Similarity search: readers; a search by vector is a POST, which auditor keys never send (ADR 0010).
        row("GET /v1/similars/{user_handle}/{project_handle}/{text_id}",      401, 401, 401, OK,  OK,  OK,  OK,  OK,  OK);
        row("POST /v1/similars/{user_handle}/{project_handle}",               401, 401, 401, OK,  OK,  OK,  OK,  403, OK);
        // LLM service definitions: owner and admin; reading one also the users it is shared with.
        row("GET /v1/llm-definitions/{user_handle}",                          401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        row("POST /v1/llm-definitions/{user_handle}",                         401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PUT /v1/llm-definitions/{user_handle}/{definition_handle}",      401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PATCH /v1/llm-definitions/{user_handle}/{definition_handle}",    401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/llm-definitions/{user_handle}/{definition_handle}",      401, 401, 401, OK,  OK,  OK,  OK,  OK,  401);
        row("DELETE /v1/llm-definitions/{user_handle}/{definition_handle}",   401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("POST /v1/llm-definitions/{user_handle}/{definition_handle}/share",
                                                                              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("DELETE /v1/llm-definitions/{user_handle}/{definition_handle}/share/{unshare_with_handle}",
                                                                              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/llm-definitions/{user_handle}/{definition_handle}/shared-with",
                                                                              401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        // LLM service instances: as definitions (shared users of either role read one instance).
        row("GET /v1/llm-instances/{user_handle}",                            401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        row("POST /v1/llm-instances/{user_handle}",                           401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("POST /v1/llm-instances/{user_handle}/from-definition",           401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PUT /v1/llm-instances/{user_handle}/{instance_handle}",          401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("PATCH /v1/llm-instances/{user_handle}/{instance_handle}",        401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/llm-instances/{user_handle}/{instance_handle}",          401, 401, 401, OK,  OK,  OK,  OK,  OK,  401);
        row("DELETE /v1/llm-instances/{user_handle}/{instance_handle}",       401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("POST /v1/llm-instances/{user_handle}/{instance_handle}/share",   401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("DELETE /v1/llm-instances/{user_handle}/{instance_handle}/share/{unshare_with_handle}",
                                                                              401, 401, 401, 401, 401, OK,  OK,  403, 401);
        row("GET /v1/llm-instances/{user_handle}/{instance_handle}/shared-with",
                                                                              401, 401, 401, 401, 401, OK,  OK,  OK,  401);
        // API standards: public reads, admin writes.
        row("GET /v1/api-standards",                                          OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK);
        row("GET /v1/api-standards/{api_standard_handle}",                    OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK);
        row("POST /v1/api-standards",                                         401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("PUT /v1/api-standards/{api_standard_handle}",                    401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("PATCH /v1/api-standards/{api_standard_handle}",                  401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("DELETE /v1/api-standards/{api_standard_handle}",                 401, 401, 401, 401, 401, 401, OK,  403, 401);
        // Audit API: admin and auditors.
        row("GET /v1/audit/events",                                           401, 401, 401, 401, 401, 401, OK,  OK,  401);
        row("GET /v1/audit/events/export",                                    401, 401, 401, 401, 401, 401, OK,  OK,  401);
        // Operations under /v1/admin/: the admin only; an auditor key is valid but not for these (403, ADR 0010).
        row("POST /v1/admin/auditors",                                        401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/auditors",                                         401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("DELETE /v1/admin/auditors/{auditor_handle}",                     401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/users/{user_handle}/forget",                      401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/sanity-check",                                     401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/encryption-key",                                   401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/encryption-key/rotate",                           401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/search-indexes",                                   401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/search-indexes/reconcile",                        401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/audit/verify",                                     401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/doctor",                                           401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/processors",                                       401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/processors/{processor}",                           401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/processors/{processor}/rebuild",                  401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/processors/rebuild",                              401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("GET /v1/admin/processors/{processor}/dead-letters",              401, 401, 401, 401, 401, 401, OK,  403, 401);
        row("POST /v1/admin/processors/{processor}/dead-letters/retry",       401, 401, 401, 401, 401, 401, OK,  403, 401);
        // The admin passes; the sequence does not exist (evicting a real dead letter: DeadLetterTest).
        row("DELETE /v1/admin/processors/{processor}/dead-letters/{sequence}",401, 401, 401, 401, 401, 401, 404, 403, 401);
        // The reset is off unless SERVICE_ENABLE_FOOTGUN=true: 403 for the admin too (enabled: AdminResetTest).
        row("GET /v1/admin/footgun",                                          401, 401, 401, 401, 401, 401, 403, 403, 401);
    }

    private static void row(String route, int... outcomes) {
        if (outcomes.length != Identity.values().length) {
            throw new IllegalArgumentException(route + " needs one outcome per identity");
        }
        if (EXPECTED.put(route, outcomes) != null) {
            throw new IllegalArgumentException(route + " has two rows");
        }
    }

    private static final String GARBAGE_KEY = "not-a-key-'; drop table user_registry; --";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private World world;

    @BeforeAll
    void createWorld() {
        world = World.create(this::call, this::newUser, ApiTestSupport::unique, ADMIN_KEY);
    }

    @AfterAll
    void rebuildsFinished() {
        awaitProcessorsCaughtUp();
    }

    @Test
    void everyMappedRouteHasARowAndEveryRowARoute() {
        assertThat(mappedRoutes()).as("routes of the running application (add a row for a new one)")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void everyRouteAnswersEveryIdentityAsTheTableSays() {
        List<String> violations = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        for (Map.Entry<String, int[]> row : EXPECTED.entrySet()) {
            if (row.getKey().equals("POST /v1/admin/processors/rebuild")) {
                continue; // last, below: it replays every projection
            }
            for (Identity identity : Identity.values()) {
                int expected = row.getValue()[identity.ordinal()];
                if (check(row.getKey(), identity, expected, violations)) {
                    allowed++;
                } else {
                    refused++;
                }
            }
        }
        for (Identity identity : Identity.values()) {
            check("POST /v1/admin/processors/rebuild", identity,
                    EXPECTED.get("POST /v1/admin/processors/rebuild")[identity.ordinal()], violations);
        }
        assertThat(violations).as("violations of the authorization matrix").isEmpty();
        assertThat(allowed).as("allowed cases").isGreaterThan(150);
        assertThat(refused).as("refused cases").isGreaterThan(350);
    }

    /** Runs one case; answers whether it was an allowed one. */
    private boolean check(String route, Identity identity, int expected, List<String> violations) {
        Call call = prepare(route, identity, expected == OK);
        long eventsBefore = StoredState.events(jdbc);
        Response response = send(call.method(), call.path(), call.token(), call.body(), call.contentType());
        String label = route + " as " + identity + " (expected " + (expected == OK ? "2xx" : expected) + "): "
                + response.status() + " " + abbreviate(response.body());
        if (expected == OK) {
            if (response.status() < 200 || response.status() > 299) {
                violations.add(label);
            }
            return true;
        }
        if (response.status() != expected) {
            violations.add(label);
        } else if (expected == 401) {
            try {
                assertUnauthorized(response);
            } catch (AssertionError e) {
                violations.add(label + ": " + e.getMessage());
            }
        } else if (!response.header("Content-Type").startsWith("application/problem+json")) {
            violations.add(label + ": not problem JSON");
        }
        long eventsAfter = StoredState.events(jdbc);
        if (eventsAfter != eventsBefore) {
            violations.add(label + ": a refused call appended " + (eventsAfter - eventsBefore) + " events");
        }
        return false;
    }

    /** A request ready to send. */
    record Call(String method, String path, String token, String body, String contentType) {
    }

    /**
     * The request for one case. Allowed calls that would destroy or move a shared resource get one of their own
     * first (created by its owner or the admin); refused ones may target the shared resources, since they must not
     * change them.
     */
    private Call prepare(String route, Identity identity, boolean allowed) {
        String method = route.substring(0, route.indexOf(' '));
        String pattern = route.substring(route.indexOf(' ') + 1);
        boolean onPublic = identity == Identity.ANONYMOUS_ON_PUBLIC;
        String project = onPublic ? World.PUBLIC_PROJECT : World.PROJECT;
        Map<String, String> values = world.pathValues(project);
        String o = world.owner().handle();
        String ownerKey = world.owner().key();
        String body = null;
        String contentType = "application/json";
        switch (route) {
            case "POST /v1/users", "PUT /v1/users/{user_handle}" -> body = World.userBody(world.owner());
            case "PATCH /v1/users/{user_handle}" -> {
                body = "{\"name\":\"" + o + " Doe\"}";
                contentType = "application/merge-patch+json";
            }
            case "DELETE /v1/users/{user_handle}", "POST /v1/users/{user_handle}/keys/rotate",
                 "POST /v1/admin/users/{user_handle}/forget" -> {
                if (allowed) {
                    User fresh = newUser("cfdel");
                    values.put("user_handle", fresh.handle());
                    ownerKey = fresh.key();
                }
            }
            case "POST /v1/projects/{user_handle}", "PUT /v1/projects/{user_handle}/{project_handle}" ->
                    body = world.projectBody(project, onPublic);
            case "PATCH /v1/projects/{user_handle}/{project_handle}",
                 "PATCH /v1/llm-definitions/{user_handle}/{definition_handle}",
                 "PATCH /v1/llm-instances/{user_handle}/{instance_handle}",
                 "PATCH /v1/api-standards/{api_standard_handle}" -> {
                body = "{\"description\":\"conformance\"}";
                contentType = "application/merge-patch+json";
            }
            case "DELETE /v1/projects/{user_handle}/{project_handle}",
                 "POST /v1/projects/{user_handle}/{project_handle}/transfer-ownership",
                 "DELETE /v1/embeddings/{user_handle}/{project_handle}" -> {
                if (allowed) {
                    String fresh = unique("cfp");
                    World.expect(call("PUT", "/v1/projects/" + o + "/" + fresh, ownerKey,
                            world.projectBody(fresh, onPublic)), 201);
                    values.put("project_handle", fresh);
                }
                body = route.contains("transfer") ? "{\"new_owner_handle\":\"" + world.bystander().handle() + "\"}"
                        : null;
            }
            case "POST /v1/projects/{user_handle}/{project_handle}/share",
                 "POST /v1/llm-instances/{user_handle}/{instance_handle}/share" ->
                    body = "{\"share_with_handle\":\"" + world.bystander().handle() + "\",\"role\":\"reader\"}";
            case "POST /v1/llm-definitions/{user_handle}/{definition_handle}/share" ->
                    body = "{\"share_with_handle\":\"" + world.bystander().handle() + "\"}";
            case "DELETE /v1/projects/{user_handle}/{project_handle}/share/{unshare_with_handle}",
                 "DELETE /v1/llm-instances/{user_handle}/{instance_handle}/share/{unshare_with_handle}",
                 "DELETE /v1/llm-definitions/{user_handle}/{definition_handle}/share/{unshare_with_handle}" -> {
                String resource = fill(pattern.substring(0, pattern.indexOf("/share/")), values);
                World.expect(call("POST", resource + "/share", ownerKey, route.contains("definitions")
                        ? "{\"share_with_handle\":\"" + world.bystander().handle() + "\"}"
                        : "{\"share_with_handle\":\"" + world.bystander().handle() + "\",\"role\":\"reader\"}"), 201);
                values.put("unshare_with_handle", world.bystander().handle());
            }
            case "POST /v1/embeddings/{user_handle}/{project_handle}" ->
                    body = "{\"embeddings\":[" + World.ITEM.formatted("doc-3", "0.2,0.2,0.2", "fr") + "]}";
            case "DELETE /v1/embeddings/{user_handle}/{project_handle}/{text_id}" -> {
                if (allowed) {
                    String fresh = unique("doc");
                    World.expect(call("POST", "/v1/embeddings/" + o + "/" + project, ownerKey, "{\"embeddings\":["
                            + World.ITEM.formatted(fresh, "0.3,0.1,0.2", "it") + "]}"), 201);
                    values.put("text_id", fresh);
                }
            }
            case "POST /v1/similars/{user_handle}/{project_handle}" -> body = "{\"vector\":[0.1,0.2,0.3]}";
            case "POST /v1/llm-definitions/{user_handle}",
                 "PUT /v1/llm-definitions/{user_handle}/{definition_handle}" -> body = World.definitionBody();
            case "DELETE /v1/llm-definitions/{user_handle}/{definition_handle}" -> {
                if (allowed) {
                    String fresh = unique("cfd");
                    World.expect(call("PUT", "/v1/llm-definitions/" + o + "/" + fresh, ownerKey,
                            World.definitionBody(fresh)), 201);
                    values.put("definition_handle", fresh);
                }
            }
            case "POST /v1/llm-instances/{user_handle}",
                 "PUT /v1/llm-instances/{user_handle}/{instance_handle}" -> body = World.instanceBody(World.INSTANCE);
            case "POST /v1/llm-instances/{user_handle}/from-definition" -> body = "{\"instance_handle\":\""
                    + unique("cfi") + "\",\"definition_owner\":\"_system\",\"definition_handle\":\"openai-small\"}";
            case "DELETE /v1/llm-instances/{user_handle}/{instance_handle}" -> {
                if (allowed) {
                    String fresh = unique("cfi");
                    World.expect(call("PUT", "/v1/llm-instances/" + o + "/" + fresh, ownerKey,
                            World.instanceBody(fresh)), 201);
                    values.put("instance_handle", fresh);
                }
            }
            case "POST /v1/api-standards", "PUT /v1/api-standards/{api_standard_handle}" ->
                    body = World.standardBody(world.standard());
            case "DELETE /v1/api-standards/{api_standard_handle}" -> {
                if (allowed) {
                    String fresh = unique("cfstd");
                    World.expect(call("PUT", "/v1/api-standards/" + fresh, ADMIN_KEY, World.standardBody(fresh)),
                            201);
                    values.put("api_standard_handle", fresh);
                }
            }
            case "POST /v1/admin/auditors" -> body = "{\"auditor_handle\":\"" + unique("cfaud") + "\"}";
            case "DELETE /v1/admin/auditors/{auditor_handle}" -> {
                if (allowed) {
                    String fresh = unique("cfaud");
                    World.expect(call("POST", "/v1/admin/auditors", ADMIN_KEY,
                            "{\"auditor_handle\":\"" + fresh + "\"}"), 201);
                    values.put("auditor_handle", fresh);
                }
            }
            default -> {
                // reads and body-less operations on the shared resources
            }
        }
        String token = switch (identity) {
            case NONE, ANONYMOUS_ON_PUBLIC -> null;
            case GARBAGE -> GARBAGE_KEY;
            case OTHER_USER -> world.stranger().key();
            case READER -> world.reader().key();
            case EDITOR -> world.editor().key();
            case OWNER -> ownerKey;
            case ADMIN -> ADMIN_KEY;
            case AUDITOR -> world.auditorKey();
        };
        return new Call(method, fill(pattern, values), token, body, contentType);
    }

    private TreeSet<String> mappedRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("io.embapi.")) {
                info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> routes.add(method + " " + pattern)));
            }
        });
        return routes;
    }

    private void awaitProcessorsCaughtUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (JsonNode processor : call("GET", "/v1/admin/processors", ADMIN_KEY, null).json()
                    .get("processors")) {
                assertThat(processor.get("lag").longValue()).as(processor.get("name").stringValue()).isZero();
                assertThat(processor.get("replaying").booleanValue()).as(processor.get("name").stringValue())
                        .isFalse();
            }
        });
    }

    private static String fill(String pattern, Map<String, String> values) {
        return BadInputSuiteTest.fill(pattern, values);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
