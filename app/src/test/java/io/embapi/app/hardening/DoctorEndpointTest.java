package io.embapi.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import io.embapi.app.ops.DoctorCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/admin/doctor} and {@code ops/doctor} on the shared test server, which connects as the superuser
 * {@code postgres} and has no backups: both must be reported as failures with their fix, the CLI must exit 1, and
 * the host checks must catch a world-readable and a git-tracked {@code .env}.
 */
class DoctorEndpointTest extends ApiTestSupport {

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").stringValue().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    @Test
    void theEndpointFailsASuperuserRoleAndMissingBackupsAndPassesTheRest() {
        Response response = call("GET", "/v1/admin/doctor", ADMIN_KEY, null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("status").stringValue()).isEqualTo("fail");
        JsonNode role = check(report, "database_role");
        assertThat(role.get("status").stringValue()).isEqualTo("fail");
        assertThat(role.get("detail").stringValue()).contains("superuser");
        assertThat(role.get("fix").stringValue()).contains("NOSUPERUSER");
        assertThat(check(report, "backups").get("status").stringValue()).isEqualTo("fail");
        for (String passing : new String[] {"admin_key", "encryption_key", "weak_keys_refused", "previous_admin_key",
                "debug_off", "footgun_off", "database_tls"}) {
            assertThat(check(report, passing).get("status").stringValue()).as(passing).isEqualTo("pass");
        }
        assertThat(response.body()).doesNotContain(ADMIN_KEY).doesNotContain(ENCRYPTION_KEY);
    }

    @Test
    void onlyTheAdminMayAsk() {
        User user = newUser("doctor");
        assertThat(call("GET", "/v1/admin/doctor", user.key(), null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/admin/doctor", null, null).status()).isEqualTo(401);
    }

    @Test
    void theCommandPrintsEveryCheckWithItsFixAndExitsOneOnAFailure(@TempDir Path dir) throws IOException {
        Path env = Files.writeString(dir.resolve(".env"), "SERVICE_ADMINKEY=x\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        Output run = doctor(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port, "SERVICE_ADMINKEY", ADMIN_KEY),
                "--env-file", env.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.text()).contains("PASS  env_file_mode").contains("PASS  env_file_git")
                .contains("FAIL  database_role").contains("fix: Connect as the NOSUPERUSER role")
                .contains("FAIL  backups").contains("PASS  admin_key").contains("failed")
                .doesNotContain(ADMIN_KEY);

        Output wrongKey = doctor(Map.of("EMBAPI_URL", "http://127.0.0.1:" + port,
                "SERVICE_ADMINKEY", "wrong-" + ADMIN_KEY), "--env-file", env.toString());
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.text()).contains("FAIL  service").contains("answered 401").doesNotContain(ADMIN_KEY);
    }

    @Test
    void theHostChecksCatchAReadableOrTrackedEnvFile(@TempDir Path dir) throws Exception {
        Path env = Files.writeString(dir.resolve(".env"), "SERVICE_ADMINKEY=x\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        Output readable = doctor(Map.of(), "--host-only", "--env-file", env.toString());
        assertThat(readable.exit()).isEqualTo(1);
        assertThat(readable.text()).contains("FAIL  env_file_mode").contains("fix: chmod 600");

        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        git(dir, "init", "-q");
        Output untracked = doctor(Map.of(), "--host-only", "--env-file", env.toString());
        assertThat(untracked.exit()).isZero();
        assertThat(untracked.text()).contains("PASS  env_file_mode").contains("WARN  env_file_git");

        git(dir, "add", ".env");
        Output tracked = doctor(Map.of(), "--host-only", "--env-file", env.toString());
        assertThat(tracked.exit()).isEqualTo(1);
        assertThat(tracked.text()).contains("FAIL  env_file_git").contains("tracked by git");
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    private record Output(int exit, String text) {
    }

    private static Output doctor(Map<String, String> environment, String... args) {
        StringWriter text = new StringWriter();
        int exit = DoctorCommand.run(new HashMap<>(environment), new PrintWriter(text, true), args);
        return new Output(exit, text.toString());
    }
}
