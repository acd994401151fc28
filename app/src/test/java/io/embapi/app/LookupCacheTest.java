package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.cache.TableChanges;
import io.embapi.platform.security.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-node lookup caches (credentials, project members, search contexts): they answer repeated requests, a
 * change made through this node is in force from the next request on, a change committed by another node (here: SQL
 * straight into the lookup table) arrives by notification, and a lost listener connection turns them off and back on
 * without serving anything stale.
 */
class LookupCacheTest extends ApiTestSupport {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TableChanges tableChanges;

    @Test
    void repeatedAuthenticationsAreAnsweredFromTheCache() {
        User alice = newUser("cache-hit");
        assertThat(call("GET", "/v1/users/" + alice.handle(), alice.key(), null).status()).isEqualTo(200);
        double hits = hits("embapi.credentials");
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/v1/users/" + alice.handle(), alice.key(), null).status()).isEqualTo(200);
        }
        assertThat(hits("embapi.credentials")).isGreaterThanOrEqualTo(hits + 3);
    }

    @Test
    void aKeyRotatedOrDeletedThroughTheApiStopsAtTheNextRequest() {
        User bob = newUser("cache-rot");
        String path = "/v1/users/" + bob.handle();
        assertThat(call("GET", path, bob.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", path, bob.key(), null).status()).isEqualTo(200);

        Response rotated = call("POST", path + "/keys/rotate", bob.key(), null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("embapi_key").stringValue();
        assertThat(call("GET", path, bob.key(), null).status()).isEqualTo(401);
        assertThat(call("GET", path, newKey, null).status()).isEqualTo(200);

        assertThat(call("DELETE", path, ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(call("GET", path, newKey, null).status()).isEqualTo(401);
    }

    @Test
    void aMemberRemovedThroughTheApiLosesAccessAtTheNextRequest() {
        User owner = newUser("cache-own");
        User reader = newUser("cache-rdr");
        String project = unique("cp");
        projectWithInstance(owner.handle(), owner.key(), project, 3);
        String projectPath = "/v1/projects/" + owner.handle() + "/" + project;
        String share = "/v1/projects/" + owner.handle() + "/" + project + "/share";
        assertThat(call("POST", share, owner.key(), "{\"share_with_handle\":\"" + reader.handle()
                + "\",\"role\":\"reader\"}").status()).isIn(200, 201, 204);
        assertThat(call("GET", projectPath, reader.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", projectPath, reader.key(), null).status()).isEqualTo(200);

        assertThat(call("DELETE", share + "/" + reader.handle(), owner.key(), null).status()).isIn(200, 204);
        assertThat(call("GET", projectPath, reader.key(), null).status()).isEqualTo(401);
    }

    @Test
    void aChangeCommittedElsewhereArrivesByNotification() {
        User carol = newUser("cache-far");
        String path = "/v1/users/" + carol.handle();
        assertThat(call("GET", path, carol.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", path, carol.key(), null).status()).isEqualTo(200);

        // What another node's key rotation leaves in the lookup table, without this node's dispatcher.
        String otherKey = "f".repeat(64);
        jdbc.update("UPDATE user_registry SET key_hash = ? WHERE user_handle = ?", ApiKeys.hash(otherKey),
                carol.handle());

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> call("GET", path, carol.key(), null).status() == 401);
        assertThat(call("GET", path, otherKey, null).status()).isEqualTo(200);
    }

    @Test
    void aLostListenerConnectionEmptiesTheCachesAndReconnects() {
        User dave = newUser("cache-lost");
        String path = "/v1/users/" + dave.handle();
        assertThat(call("GET", path, dave.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", path, dave.key(), null).status()).isEqualTo(200);
        int before = tableChanges.listenerBackendPid();
        assertThat(before).isPositive();
        assertThat(jdbc.queryForObject("SELECT application_name FROM pg_stat_activity WHERE pid = ?", String.class,
                before)).isEqualTo("embapi-table-changes");

        jdbc.queryForList("SELECT pg_terminate_backend(?)", Boolean.class, before);
        // While it is gone, notifications to it are lost: a change made now must still be seen.
        String otherKey = "e".repeat(64);
        jdbc.update("UPDATE user_registry SET key_hash = ? WHERE user_handle = ?", ApiKeys.hash(otherKey),
                dave.handle());

        await().atMost(Duration.ofSeconds(10)).until(() -> tableChanges.live()
                && tableChanges.listenerBackendPid() != before && gauge() == 1);
        assertThat(call("GET", path, dave.key(), null).status()).isEqualTo(401);
        double hits = hits("embapi.credentials");
        assertThat(call("GET", path, otherKey, null).status()).isEqualTo(200);
        assertThat(call("GET", path, otherKey, null).status()).isEqualTo(200);
        assertThat(hits("embapi.credentials")).isGreaterThan(hits);
    }

    private double hits(String cache) {
        return meters.get("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter().count();
    }

    private double gauge() {
        return meters.get("embapi.cache.live").gauge().value();
    }
}
