package io.embapi.app;

import static io.embapi.app.StandaloneApp.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embapi.app.StandaloneApp.Answer;
import io.embapi.app.logcheck.TestSecrets;
import io.embapi.platform.privacy.SecretProtector;
import io.embapi.platform.testing.TestDatabase;
import io.embapi.shared.privacy.SealedSecret;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end master key rotation on one database, across three (plus one) application starts: data sealed under K1,
 * re-wrapped under K2 with K1 as the previous key, then readable with K2 alone and no longer with K1 alone. The
 * event history never changes; only the wrapping of the data keys does.
 */
class KeyRotationTest {

    private static final String ADMIN = "rotation-admin-key-0123456789abcdef0123456789";
    private static final String K1 = "rotation-master-key-one-0123456789abcdef0123";
    private static final String K2 = "rotation-master-key-two-0123456789abcdef0123";
    private static final String SECRET = "sk-rotation-test-secret";

    static {
        // the log leak check (LogLeakCheck) looks for these in everything the test run printed
        TestSecrets.record(ADMIN);
        TestSecrets.record(K1);
        TestSecrets.record(K2);
        TestSecrets.record(SECRET);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestDatabase.Database database;
    private static String user;
    private static String password;
    private static String databaseUrl;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("embapi_rotation_");
        user = database.user();
        password = database.password();
        databaseUrl = database.url();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void rotatingTheMasterKeyRewrapsDataKeysAndLeavesTheHistoryUntouched() {
        String userHandle = "rot-alice";
        String instanceHandle = "rot-inst";
        JdbcTemplate jdbc = jdbc();

        // (a) everything sealed under K1
        run(K1, null, port -> {
            Answer created = call(port, "PUT", "/v1/users/" + userHandle, ADMIN, "{\"user_handle\":\"" + userHandle
                    + "\",\"name\":\"Alice Rotation\",\"email\":\"alice.rotation@example.org\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Answer put = call(port, "PUT", "/v1/llm-instances/" + userHandle + "/" + instanceHandle, ADMIN,
                    "{\"instance_handle\":\"" + instanceHandle + "\",\"endpoint\":\"https://api.example.org/v1\","
                            + "\"model\":\"m1\",\"dimensions\":8,\"api_key\":\"" + SECRET + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(201);
            assertThat(put.body()).doesNotContain(SECRET);
            Answer get = call(port, "GET", "/v1/llm-instances/" + userHandle + "/" + instanceHandle, ADMIN, null);
            assertThat(get.status()).as(get.body()).isEqualTo(200);
            assertThat(get.json().get("has_api_key").booleanValue()).isTrue();
            assertThat(get.body()).doesNotContain(SECRET);
        });
        Map<String, byte[]> wrappedBefore = wrappedKeys(jdbc);
        String historyBefore = historyDigest(jdbc);
        assertThat(wrappedBefore).isNotEmpty();
        String k1Id = jdbc.queryForObject("SELECT DISTINCT master_key_id FROM data_key", String.class);

        // (b) K2 current, K1 previous: rotate
        run(K2, K1, port -> {
            Answer status = call(port, "GET", "/v1/admin/encryption-key", ADMIN, null);
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            String current = status.json().get("current_master_key_id").stringValue();
            assertThat(current).isNotEqualTo(k1Id);
            JsonNode before = status.json().get("keys_by_master_key");
            assertThat(before.get(k1Id).intValue()).isEqualTo(wrappedBefore.size());
            assertThat(before.has(current)).isFalse();

            Answer rotated = call(port, "POST", "/v1/admin/encryption-key/rotate", ADMIN, null);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.json().get("rewrapped").intValue()).isEqualTo(wrappedBefore.size()).isPositive();
            assertThat(rotated.json().get("current_master_key_id").stringValue()).isEqualTo(current);
            JsonNode after = rotated.json().get("keys_by_master_key");
            assertThat(after.size()).isEqualTo(1);
            assertThat(after.get(current).intValue()).isEqualTo(wrappedBefore.size());

            Answer again = call(port, "GET", "/v1/admin/encryption-key", ADMIN, null);
            assertThat(again.json().get("keys_by_master_key").size()).isEqualTo(1);
            assertThat(again.json().get("keys_by_master_key").get(current).intValue())
                    .isEqualTo(wrappedBefore.size());
        });

        // data keys re-wrapped, history byte for byte the same
        Map<String, byte[]> wrappedAfter = wrappedKeys(jdbc);
        assertThat(wrappedAfter.keySet()).isEqualTo(wrappedBefore.keySet());
        for (Map.Entry<String, byte[]> entry : wrappedBefore.entrySet()) {
            assertThat(Arrays.equals(entry.getValue(), wrappedAfter.get(entry.getKey())))
                    .as("wrapped_key of %s changed", entry.getKey()).isFalse();
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT master_key_id FROM data_key", String.class))
                .hasSize(1).doesNotContain(k1Id);

        SealedSecret sealed = sealedKeyOf(jdbc, userHandle, instanceHandle);

        // (c) K2 alone: everything still opens
        run(K2, null, port -> {
            Answer userAnswer = call(port, "GET", "/v1/users/" + userHandle, ADMIN, null);
            assertThat(userAnswer.status()).as(userAnswer.body()).isEqualTo(200);
            assertThat(userAnswer.json().get("email").stringValue()).isEqualTo("alice.rotation@example.org");
            Answer get = call(port, "GET", "/v1/llm-instances/" + userHandle + "/" + instanceHandle, ADMIN, null);
            assertThat(get.status()).as(get.body()).isEqualTo(200);
            assertThat(get.json().get("has_api_key").booleanValue()).isTrue();
        }, context -> assertThat(context.getBean(SecretProtector.class).open(sealed)).contains(SECRET));

        assertThat(historyDigest(jdbc)).isEqualTo(historyBefore);

        // the old key alone can no longer open it
        run(K1, null, port -> { }, context -> assertThatThrownBy(() ->
                context.getBean(SecretProtector.class).open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key")
                .hasMessageContaining("neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS"));

        assertThat(historyDigest(jdbc)).isEqualTo(historyBefore);
    }

    private static SealedSecret sealedKeyOf(JdbcTemplate jdbc, String owner, String handle) {
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE payloadtype LIKE '%InstanceCreatedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'owner' = ?
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'instanceHandle' = ?
                """, String.class, owner, handle);
        assertThat(payload).doesNotContain(SECRET);
        JsonNode apiKey = JSON.readTree(payload).get("apiKey");
        return new SealedSecret(apiKey.get("keyId").stringValue(), apiKey.get("ciphertext").stringValue());
    }

    private static Map<String, byte[]> wrappedKeys(JdbcTemplate jdbc) {
        Map<String, byte[]> keys = new HashMap<>();
        jdbc.query("SELECT key_id::text, wrapped_key FROM data_key",
                rs -> {
                    keys.put(rs.getString(1), rs.getBytes(2));
                });
        return keys;
    }

    private static String historyDigest(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT count(*) || ':' || md5(string_agg(encode(payload, 'hex') || '|'
                    || coalesce(encode(metadata, 'hex'), '') || '|' || eventidentifier, ',' ORDER BY globalindex))
                FROM domainevententry
                """, String.class);
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(databaseUrl, user, password));
    }

    private static void run(String key, String previous, Consumer<Integer> http) {
        run(key, previous, http, context -> { });
    }

    private static void run(String key, String previous, Consumer<Integer> http,
                            Consumer<ConfigurableApplicationContext> inside) {
        try (ConfigurableApplicationContext context = StandaloneApp.start(databaseUrl, user, password, ADMIN, key,
                "embapi.encryption-key-previous=" + (previous == null ? "" : previous))) {
            int port = StandaloneApp.port(context);
            http.accept(port);
            inside.accept(context);
        }
    }
}
