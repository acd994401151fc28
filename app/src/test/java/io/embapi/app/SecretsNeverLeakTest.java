package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * With every log switch on (verbose authentication, debug, Spring MVC request logging), a full round of user
 * operations leaves no key, no key hash of a live key in clear context, and no Authorization header in the logs,
 * and no key in the event store or in later responses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "embapi.verbose=true",
        "embapi.debug=true",
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.axonframework=DEBUG"})
class SecretsNeverLeakTest extends ApiTestSupport {

    /** Log levels are global to the JVM: put them back so later test contexts do not log at debug. */
    @AfterAll
    static void restoreLogLevels() {
        LoggingSystem logging = LoggingSystem.get(SecretsNeverLeakTest.class.getClassLoader());
        for (String logger : List.of("io.embapi", "org.springframework.web", "org.axonframework")) {
            logging.setLogLevel(logger, null);
        }
    }

    @Test
    void keysNeverAppearInLogsEventsOrLaterResponses(CapturedOutput output) {
        String handle = unique("leak");
        String key = createUser(handle);
        Response rotated = call("POST", "/v1/users/" + handle + "/keys/rotate", key, null);
        String newKey = rotated.json().get("embapi_key").stringValue();
        call("GET", "/v1/users/" + handle, newKey, null);
        call("GET", "/v1/users/" + handle, key, null);
        call("GET", "/v1/users", "wrong-" + ADMIN_KEY, null);
        String providerKey = "sk-provider-" + handle + "-do-not-log";
        call("PUT", "/v1/llm-instances/" + handle + "/embedding1", newKey,
                "{\"instance_handle\":\"embedding1\",\"dimensions\":5,\"api_key\":\"" + providerKey + "\"}");
        call("PATCH", "/v1/llm-instances/" + handle + "/embedding1", newKey, "{\"model\":\"m2\"}");
        Response instance = call("GET", "/v1/llm-instances/" + handle + "/embedding1", newKey, null);
        assertThat(instance.json().get("has_api_key").booleanValue()).isTrue();
        assertThat(instance.body()).doesNotContain(providerKey);
        Response later = call("GET", "/v1/users/" + handle, ADMIN_KEY, null);
        call("DELETE", "/v1/users/" + handle, newKey, null);

        List<String> secrets = List.of(ADMIN_KEY, ENCRYPTION_KEY, key, newKey, providerKey);
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(later.body()).doesNotContain(secret);
        }
        assertThat(output.getAll()).doesNotContain("Bearer ").doesNotContain("Authorization:");
        assertThat(output.getAll()).contains("Admin authentication successful")
                .contains("Owner authentication successful: " + handle)
                .contains("Authentication failed.");

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') AS payload, convert_from(metadata, 'UTF8') AS metadata "
                        + "FROM domainevententry");
        assertThat(events).isNotEmpty();
        for (Map<String, Object> event : events) {
            for (String secret : secrets) {
                assertThat(event.get("payload").toString()).doesNotContain(secret);
                assertThat(event.get("metadata").toString()).doesNotContain(secret);
            }
        }
    }
}
