package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What user requests leave in the event store (table {@code domainevententry}): one stream per user, audit metadata
 * (actor, actor type, request id) on every event, personal data only sealed, and never a key in clear.
 */
class UserEventStoreTest extends HttpTestSupport {

    private static final String EVENTS = "io.embapi.shared.user.";

    @Test
    void creatingAUserAppendsAUserRegisteredEventToItsOwnStream() {
        String alice = unique("alice");
        createUser(alice);

        List<StoredEvent> events = events(alice);

        assertThat(events).extracting(StoredEvent::type).containsExactly(EVENTS + "UserRegisteredEvent");
        assertThat(events.get(0).sequence()).isZero();
    }

    @Test
    void theRegistrationRecordsTheAdminAsActorAndTheResponsesRequestId() {
        String alice = unique("alice");
        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, "Alice Doe", alice + "@example.org"));
        String requestId = response.header("X-Request-Id");

        JsonNode metadata = events(alice).get(0).metadataJson();

        assertThat(requestId).isNotBlank();
        assertThat(metadata.get("actor").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("requestId").stringValue()).isEqualTo(requestId);
    }

    @Test
    void aCallerSuppliedRequestIdEndsUpInTheEventMetadata() {
        String alice = unique("alice");
        String requestId = "audit-" + alice;

        Response response = request("POST", "/v1/users", userBody(alice, "Alice Doe", alice + "@example.org"),
                "Authorization", "Bearer " + ADMIN_KEY, "Content-Type", "application/json", "X-Request-Id", requestId);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(events(alice).get(0).metadataJson().get("requestId").stringValue()).isEqualTo(requestId);
    }

    @Test
    void theRegistrationCarriesTheKeyHashButNotTheKeyNameOrEmail() {
        String alice = unique("alice");
        String name = "Zebulon Quuxley " + alice;
        String email = "zq." + alice + "@secret.example.org";
        Response response = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name, email));
        String key = response.json().get("embapi_key").stringValue();

        StoredEvent registered = events(alice).get(0);

        assertThat(registered.payload()).contains(sha256(key));
        assertThat(registered.payload() + registered.metadata())
                .doesNotContain(key, name, email, email.toLowerCase(), "Zebulon", "secret.example.org");
    }

    @Test
    void aProfileChangeIsRecordedSealedAsWell() {
        String alice = unique("alice");
        createUser(alice);
        String name = "Yolanda Quibble " + alice;
        String email = "yq." + alice + "@hidden.example.org";

        call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name, email));

        List<StoredEvent> events = events(alice);
        assertThat(events).extracting(StoredEvent::type)
                .containsExactly(EVENTS + "UserRegisteredEvent", EVENTS + "UserProfileChangedEvent");
        StoredEvent changed = events.get(1);
        assertThat(changed.payload() + changed.metadata()).doesNotContain(name, email, "Yolanda", "hidden.example.org");
        assertThat(changed.metadataJson().get("actor").stringValue()).isEqualTo("admin");
    }

    @Test
    void anUnchangedProfileAppendsNoEvent() {
        String alice = unique("alice");
        createUser(alice);

        Response again = call("PUT", "/v1/users/" + alice, ADMIN_KEY,
                userBody(alice, alice + " Doe", alice + "@example.org"));

        assertThat(again.status()).isEqualTo(201);
        assertThat(events(alice)).hasSize(1);
    }

    @Test
    void aRotationByTheOwnerRecordsTheUserAsActorAndOnlyTheNewHash() {
        String alice = unique("alice");
        String oldKey = createUser(alice);
        Response rotation = call("POST", "/v1/users/" + alice + "/keys/rotate", oldKey, null);
        String newKey = rotation.json().get("embapi_key").stringValue();

        StoredEvent rotated = events(alice).get(1);

        assertThat(rotated.type()).isEqualTo(EVENTS + "UserKeyRotatedEvent");
        assertThat(rotated.metadataJson().get("actor").stringValue()).isEqualTo(alice);
        assertThat(rotated.metadataJson().get("actorType").stringValue()).isEqualTo("user");
        assertThat(rotated.metadataJson().get("requestId").stringValue()).isEqualTo(rotation.header("X-Request-Id"));
        assertThat(rotated.payload()).contains(sha256(newKey)).doesNotContain(newKey, oldKey);
        assertThat(rotated.metadata()).doesNotContain(newKey, oldKey, sha256(oldKey));
    }

    @Test
    void aDeletionByTheOwnerRecordsTheUserAsActor() {
        String alice = unique("alice");
        String key = createUser(alice);

        call("DELETE", "/v1/users/" + alice, key, null);

        StoredEvent deleted = events(alice).get(1);
        assertThat(deleted.type()).isEqualTo(EVENTS + "UserDeletedEvent");
        assertThat(deleted.metadataJson().get("actor").stringValue()).isEqualTo(alice);
        assertThat(deleted.metadataJson().get("actorType").stringValue()).isEqualTo("user");
    }

    @Test
    void aDeletionByTheAdminRecordsTheAdminAsActor() {
        String alice = unique("alice");
        createUser(alice);

        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        JsonNode metadata = events(alice).get(1).metadataJson();
        assertThat(metadata.get("actor").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("admin");
    }

    @Test
    void reCreatingADeletedHandleContinuesTheSameStream() {
        String alice = unique("alice");
        createUser(alice);
        call("DELETE", "/v1/users/" + alice, ADMIN_KEY, null);

        createUser(alice);

        assertThat(events(alice)).extracting(StoredEvent::type).containsExactly(EVENTS + "UserRegisteredEvent",
                EVENTS + "UserDeletedEvent", EVENTS + "UserRegisteredEvent");
        assertThat(events(alice)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void rejectedRequestsAppendNoEvents() {
        String alice = unique("alice");
        createUser(alice);

        call("PUT", "/v1/users/" + alice, "wrong-key", userBody(alice, "X", "x@example.org"));
        call("PUT", "/v1/users/" + alice, ADMIN_KEY, "{\"user_handle\":\"" + alice + "\",\"email\":5}");
        call("POST", "/v1/users/" + alice + "/keys/rotate", "wrong-key", null);
        call("DELETE", "/v1/users/" + alice, "wrong-key", null);

        assertThat(events(alice)).hasSize(1);
    }

    @Test
    void noEventAnywhereContainsAKeyABearerHeaderOrPersonalDataInClear() {
        String alice = unique("alice");
        String name = "Xaviera Plumtree " + alice;
        String email = "xp." + alice + "@private.example.org";
        String firstKey = call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name, email))
                .json().get("embapi_key").stringValue();
        String secondKey = call("POST", "/v1/users/" + alice + "/keys/rotate", firstKey, null)
                .json().get("embapi_key").stringValue();
        call("PUT", "/v1/users/" + alice, ADMIN_KEY, userBody(alice, name + " II", "II." + email));
        call("DELETE", "/v1/users/" + alice, secondKey, null);

        for (String secret : List.of(firstKey, secondKey, ADMIN_KEY, name, email, email.toLowerCase(), "II." + email,
                "Xaviera", "private.example.org")) {
            assertThat(eventsContaining(secret)).as("events containing %s", secret).isZero();
        }
        // An Authorization header value looks like "Bearer <token>" (the API standards' "auth_bearer" is no header).
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                + "strpos(lower(convert_from(payload, 'UTF8')), 'bearer ') > 0 "
                + "OR strpos(lower(coalesce(convert_from(metadata, 'UTF8'), '')), 'bearer ') > 0", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isGreaterThan(4);
    }

    private long eventsContaining(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                + "strpos(convert_from(payload, 'UTF8'), ?) > 0 "
                + "OR strpos(coalesce(convert_from(metadata, 'UTF8'), ''), ?) > 0", Long.class, text, text);
    }

    private List<StoredEvent> events(String handle) {
        return jdbc.query("SELECT payloadtype, sequencenumber, convert_from(payload, 'UTF8'), "
                        + "coalesce(convert_from(metadata, 'UTF8'), '') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, i) -> new StoredEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                "user:" + handle);
    }

    private record StoredEvent(String type, long sequence, String payload, String metadata) {

        JsonNode metadataJson() {
            return json(metadata);
        }
    }
}
