package io.embapi.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every admin operation leaves one audit log line (actor, method, route template, resource, status, request id) and
 * never the body or a key; refused attempts on admin routes are logged too; users' own operations are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAuditLogTest extends ApiTestSupport {

    private static final String AUDIT = "admin operation: ";

    private static List<String> auditLines(CapturedOutput output, String requestId) {
        return output.getAll().lines()
                .filter(line -> line.contains(AUDIT) && line.contains("request_id=" + requestId)).toList();
    }

    private Response withRequestId(String method, String path, String token, String body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    @Test
    void anAdminWriteIsOneLineWithActorRouteResourceStatusAndRequestId(CapturedOutput output) {
        String handle = unique("audit");
        String email = handle + "@secret-mail.example.org";
        Response created = withRequestId("PUT", "/v1/users/" + handle, ADMIN_KEY,
                "{\"user_handle\":\"" + handle + "\",\"name\":\"Very Private Name\",\"email\":\"" + email + "\"}",
                "audit-put-1");
        assertThat(created.status()).isEqualTo(201);
        String issuedKey = created.json().get("embapi_key").stringValue();

        List<String> lines = auditLines(output, "audit-put-1");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("actor=admin", "method=PUT", "route=/v1/users/{user_handle}",
                "resource=user_handle=" + handle, "status=201", "request_id=audit-put-1");
        assertThat(output.getAll()).doesNotContain(ADMIN_KEY).doesNotContain(issuedKey)
                .doesNotContain("Very Private Name").doesNotContain(email);
    }

    @Test
    void failedAndRefusedAdminOperationsAreLoggedWithTheirStatus(CapturedOutput output) {
        withRequestId("GET", "/v1/admin/sanity-check", "not-the-admin-key-0123456789abcdef", null, "audit-401");
        assertThat(auditLines(output, "audit-401")).singleElement().asString()
                .contains("actor=unauthenticated", "method=GET", "route=/v1/admin/sanity-check", "status=401");

        withRequestId("GET", "/v1/users/nobody-here", ADMIN_KEY, null, "audit-404");
        assertThat(auditLines(output, "audit-404")).singleElement().asString()
                .contains("actor=admin", "route=/v1/users/{user_handle}", "resource=user_handle=nobody-here",
                        "status=404");
        assertThat(output.getAll()).doesNotContain("not-the-admin-key-0123456789abcdef");
    }

    @Test
    void usersOwnOperationsAreNotAdminOperations(CapturedOutput output) {
        User user = newUser("notadmin");
        withRequestId("GET", "/v1/users/" + user.handle(), user.key(), null, "audit-user");
        assertThat(auditLines(output, "audit-user")).isEmpty();
    }
}
