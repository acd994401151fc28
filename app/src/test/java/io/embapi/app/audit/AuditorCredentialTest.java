package io.embapi.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Granting, listing and revoking auditor credentials (admin only), what an auditor key may read, and that the
 * history and the lookup table keep only the key's hash.
 */
class AuditorCredentialTest extends ApiTestSupport {

    private Response grant(String handle) {
        return call("POST", "/v1/admin/auditors", ADMIN_KEY, "{\"auditor_handle\":\"" + handle + "\"}");
    }

    @Test
    void grantShowsTheKeyOnceListsTheAuditorAndKeepsOnlyTheHash() {
        String handle = unique("aud");
        Response granted = grant(handle);
        assertThat(granted.status()).isEqualTo(201);
        String key = granted.json().get("auditor_key").stringValue();
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(granted.json().get("auditor_handle").stringValue()).isEqualTo(handle);

        Response list = call("GET", "/v1/admin/auditors", ADMIN_KEY, null);
        assertThat(list.status()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode auditor : list.json().get("auditors")) {
            if (auditor.get("auditor_handle").stringValue().equals(handle)) {
                entry = auditor;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("granted_by").stringValue()).isEqualTo("admin");
        assertThat(list.body()).doesNotContain(key).doesNotContain(io.embapi.platform.security.ApiKeys.hash(key));

        List<StoredEvent> events = streamEvents("auditor:" + handle);
        assertThat(events).extracting(StoredEvent::type)
                .containsExactly("io.embapi.shared.auditor.AuditorGrantedEvent");
        assertThat(events.get(0).payload()).doesNotContain(key)
                .contains(io.embapi.platform.security.ApiKeys.hash(key));
        assertThat(events.get(0).metadataJson().get("actor").stringValue()).isEqualTo("admin");

        assertThat(call("GET", "/v1/audit/events?limit=1", key, null).status()).isEqualTo(200);
    }

    @Test
    void grantIsAdminOnlyAndChecked() {
        String user = unique("audu");
        String userKey = createUser(user);
        assertThat(call("POST", "/v1/admin/auditors", userKey, "{\"auditor_handle\":\"" + unique("aud") + "\"}")
                .status()).isEqualTo(401);
        assertThat(call("POST", "/v1/admin/auditors", null, "{\"auditor_handle\":\"" + unique("aud") + "\"}")
                .status()).isEqualTo(401);
        assertThat(call("GET", "/v1/admin/auditors", userKey, null).status()).isEqualTo(401);
        Response invalid = call("POST", "/v1/admin/auditors", ADMIN_KEY, "{\"auditor_handle\":\"a b\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");

        String handle = unique("aud");
        assertThat(grant(handle).status()).isEqualTo(201);
        Response again = grant(handle);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").stringValue()).contains("already exists");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndTheHandleCanBeGrantedAgain() {
        String handle = unique("aud");
        String key = grant(handle).json().get("auditor_key").stringValue();
        assertThat(call("GET", "/v1/audit/events?limit=1", key, null).status()).isEqualTo(200);

        assertThat(call("DELETE", "/v1/admin/auditors/" + handle, ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/audit/events?limit=1", key, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/admin/auditors", ADMIN_KEY, null).body()).doesNotContain(handle);
        assertThat(call("DELETE", "/v1/admin/auditors/" + handle, ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/admin/auditors/" + unique("never"), ADMIN_KEY, null).status())
                .isEqualTo(404);

        String newKey = grant(handle).json().get("auditor_key").stringValue();
        assertThat(newKey).isNotEqualTo(key);
        assertThat(call("GET", "/v1/audit/events?limit=1", newKey, null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/audit/events?limit=1", key, null).status()).isEqualTo(401);
        assertThat(streamEvents("auditor:" + handle)).extracting(StoredEvent::type).containsExactly(
                "io.embapi.shared.auditor.AuditorGrantedEvent", "io.embapi.shared.auditor.AuditorRevokedEvent",
                "io.embapi.shared.auditor.AuditorGrantedEvent");
    }

    @Test
    void auditorsReadResourcesLikeTheAdminButNotTheOperationalRoutes() {
        String auditorKey = grant(unique("aud")).json().get("auditor_key").stringValue();
        User owner = newUser("audo");
        assertThat(call("PUT", "/v1/projects/" + owner.handle() + "/proj1", owner.key(),
                "{\"project_handle\":\"proj1\"}").status()).isEqualTo(201);

        assertThat(call("GET", "/v1/users", auditorKey, null).status()).isEqualTo(200);
        Response user = call("GET", "/v1/users/" + owner.handle(), auditorKey, null);
        assertThat(user.status()).isEqualTo(200);
        Response project = call("GET", "/v1/projects/" + owner.handle() + "/proj1", auditorKey, null);
        assertThat(project.status()).isEqualTo(200);
        assertThat(project.json().get("role").stringValue()).isEqualTo("auditor");
        assertThat(call("GET", "/v1/projects/" + owner.handle() + "/proj1/shared-with", auditorKey, null).status())
                .isEqualTo(200);

        for (String route : List.of("/v1/admin/auditors", "/v1/admin/sanity-check", "/v1/admin/encryption-key",
                "/v1/admin/search-indexes", "/v1/admin/footgun")) {
            Response refused = call("GET", route, auditorKey, null);
            assertThat(refused.status()).as(route).isEqualTo(403);
            assertThat(refused.json().get("detail").stringValue()).isEqualTo("auditor keys cannot use this operation");
        }
    }

    @Test
    void theAuditEndpointsAreForAuditorsAndTheAdminOnly() {
        User user = newUser("audn");
        for (String route : List.of("/v1/audit/events", "/v1/audit/events/export")) {
            assertThat(call("GET", route, user.key(), null).status()).as(route).isEqualTo(401);
            assertThat(call("GET", route, null, null).status()).as(route).isEqualTo(401);
            assertThat(call("GET", route + "?limit=1", ADMIN_KEY, null).status()).as(route).isEqualTo(200);
        }
    }
}
