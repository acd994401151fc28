package io.embapi.app.http.instance;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A provider key is stored sealed, and never answered nor kept in clear anywhere. */
class InstanceSecrecyTest extends InstanceTestSupport {

    @Test
    void theKeyIsNeverAnsweredNorStoredInClear() {
        String alice = unique("alice");
        String key = createUser(alice);
        String secret = "sk-secrecy-" + alice + "-0123456789";
        String path = instancePath(alice, "secret1");

        Response put = call("PUT", path, key, instanceBody("secret1", "api_key", secret));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(put.body()).doesNotContain(secret);
        Response post = call("POST", listPath(alice), key, instanceBody("secret2", "api_key", secret));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);
        assertThat(post.body()).doesNotContain(secret);
        Response patch = send("PATCH", path, key, object("api_key", secret, "model", "m2"),
                "application/merge-patch+json");
        assertThat(patch.status()).as(patch.toString()).isEqualTo(201);
        assertThat(patch.body()).doesNotContain(secret);

        Response one = call("GET", path, key, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(secret).doesNotContain("\"api_key\"");
        assertThat(one.json().get("has_api_key").booleanValue()).isTrue();
        Response list = call("GET", listPath(alice), key, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret);
        assertThat(call("GET", listPath(alice), ADMIN_KEY, null).body()).doesNotContain(secret);
        assertThat(call("GET", path, ADMIN_KEY, null).body()).doesNotContain(secret);

        // not in the event store, payload or metadata
        Integer inEvents = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                + "position(? in convert_from(payload, 'UTF8')) > 0 "
                + "OR position(? in coalesce(convert_from(metadata, 'UTF8'), '')) > 0", Integer.class, secret, secret);
        assertThat(inEvents).isZero();
        Integer inSnapshots = jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE "
                + "position(? in convert_from(payload, 'UTF8')) > 0", Integer.class, secret);
        assertThat(inSnapshots).isZero();
        // the events carry it sealed
        List<String> created = eventPayloads("InstanceCreatedEvent", "\"secret1\"");
        assertThat(created).isNotEmpty();
        assertThat(created).allSatisfy(p -> {
            assertThat(p).doesNotContain(secret);
            JsonNode apiKey = JSON.readTree(p).get("apiKey");
            assertThat(apiKey.get("keyId").stringValue()).isNotBlank();
            assertThat(apiKey.get("ciphertext").stringValue()).isNotBlank();
        });

        // not in any read model or lookup table
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                + "AND (table_name LIKE '%\\_view' OR table_name LIKE '%\\_registry' OR table_name LIKE '%\\_share' "
                + "OR table_name = 'data_key')", String.class);
        assertThat(tables).contains("instance_view", "instance_registry", "instance_share_view", "data_key");
        for (String table : tables) {
            Integer hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE position(? in t::text) > 0",
                    Integer.class, secret);
            assertThat(hits).as("rows of %s holding the key", table).isZero();
        }
        List<String> viewColumns = jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = 'instance_view'", String.class);
        assertThat(viewColumns).contains("has_api_key")
                .filteredOn(c -> c.contains("key") || c.contains("secret") || c.contains("cipher"))
                .containsExactly("has_api_key");
    }

    @Test
    void theSameKeySealedTwiceGivesDifferentCiphertexts() {
        String alice = unique("alice");
        String key = createUser(alice);
        String secret = "sk-twice-" + alice;
        createInstance(alice, key, "twice-a", "api_key", secret);
        createInstance(alice, key, "twice-b", "api_key", secret);
        JsonNode a = JSON.readTree(eventPayloads("InstanceCreatedEvent", "\"twice-a\"").stream()
                .filter(p -> p.contains(alice)).findFirst().orElseThrow()).get("apiKey");
        JsonNode b = JSON.readTree(eventPayloads("InstanceCreatedEvent", "\"twice-b\"").stream()
                .filter(p -> p.contains(alice)).findFirst().orElseThrow()).get("apiKey");
        assertThat(a.get("ciphertext").stringValue()).isNotEqualTo(b.get("ciphertext").stringValue());
        assertThat(a.get("keyId").stringValue()).isNotEqualTo(b.get("keyId").stringValue());
    }
}
