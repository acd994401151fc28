package io.embapi.app.http.definition;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What definition requests leave in the event store (table {@code domainevententry}): one stream
 * {@code definition:<id>} per definition, an event per real change only, and audit metadata (actor, actor type,
 * request id) on every event.
 */
class DefinitionEventStoreTest extends DefinitionTestSupport {

    @Test
    void creatingADefinitionStartsItsStreamWithTheFullSpec() {
        User alice = newUser("alice");
        Response response = call("PUT", definitionPath(alice.handle(), "def1"), alice.key(),
                fullBody(alice.handle(), "def1", true));
        long id = response.json().get("definition_id").longValue();

        List<StoredEvent> events = definitionEvents(id);

        assertThat(events).extracting(StoredEvent::type).containsExactly(CREATED);
        assertThat(events.get(0).sequence()).isZero();
        JsonNode payload = events.get(0).payloadJson();
        assertThat(payload.get("definitionId").longValue()).isEqualTo(id);
        assertThat(payload.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(payload.get("definitionHandle").stringValue()).isEqualTo("def1");
        JsonNode spec = payload.get("spec");
        assertThat(spec.get("endpoint").stringValue()).isEqualTo(OPENAI_ENDPOINT);
        assertThat(spec.get("description").stringValue()).isEqualTo("OpenAI instance with large model");
        assertThat(spec.get("apiStandard").stringValue()).isEqualTo("openai");
        assertThat(spec.get("model").stringValue()).isEqualTo("text-embedding-3-large");
        assertThat(spec.get("dimensions").intValue()).isEqualTo(3072);
        assertThat(spec.get("contextLimit").intValue()).isEqualTo(8192);
        assertThat(spec.get("isPublic").booleanValue()).isTrue();
    }

    @Test
    void theOwnerIsTheActorAndTheRequestIdIsRecorded() {
        User alice = newUser("alice");
        Response response = putDefinition(alice.handle(), alice.key(), "def1");
        long id = response.json().get("definition_id").longValue();

        JsonNode metadata = definitionEvents(id).get(0).metadataJson();

        assertThat(metadata.get("actor").stringValue()).isEqualTo(alice.handle());
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("user");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(metadata.get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void theAdminIsRecordedAsAdmin() {
        User alice = newUser("alice");
        long id = createDefinition(alice.handle(), ADMIN_KEY, "def1");

        JsonNode metadata = definitionEvents(id).get(0).metadataJson();

        assertThat(metadata.get("actor").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("admin");
    }

    @Test
    void anUnchangedRePutRecordsNothingAndAChangedOneAChange() {
        User alice = newUser("alice");
        long id = createDefinition(alice.handle(), alice.key(), "def1", "model", "m1");

        createDefinition(alice.handle(), alice.key(), "def1", "model", "m1");
        assertThat(definitionEvents(id)).extracting(StoredEvent::type).containsExactly(CREATED);

        createDefinition(alice.handle(), ADMIN_KEY, "def1", "model", "m2");
        List<StoredEvent> events = definitionEvents(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly(CREATED, CHANGED);
        assertThat(events.get(1).sequence()).isEqualTo(1);
        assertThat(events.get(1).payloadJson().get("definitionId").longValue()).isEqualTo(id);
        assertThat(events.get(1).payloadJson().get("spec").get("model").stringValue()).isEqualTo("m2");
        assertThat(events.get(1).metadataJson().get("actor").stringValue()).isEqualTo("admin");
    }

    @Test
    void sharingUnsharingAndDeletingAreRecordedInOrder() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        long id = createDefinition(alice.handle(), alice.key(), "def1");
        String path = definitionPath(alice.handle(), "def1");

        shareOk(alice.handle(), "def1", alice.key(), bob.handle());
        call("DELETE", path + "/share/" + bob.handle(), alice.key(), null);
        call("DELETE", path + "/share/" + bob.handle(), alice.key(), null);
        call("DELETE", path, alice.key(), null);

        List<StoredEvent> events = definitionEvents(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly(CREATED, SHARED, UNSHARED, DELETED);
        assertThat(events).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(1).payloadJson().get("userHandle").stringValue()).isEqualTo(bob.handle());
        assertThat(events.get(2).payloadJson().get("userHandle").stringValue()).isEqualTo(bob.handle());
        JsonNode deleted = events.get(3).payloadJson();
        assertThat(deleted.get("definitionId").longValue()).isEqualTo(id);
        assertThat(deleted.get("owner").stringValue()).isEqualTo(alice.handle());
        assertThat(deleted.get("definitionHandle").stringValue()).isEqualTo("def1");
        assertThat(events).allSatisfy(e -> assertThat(e.metadataJson().get("actor").stringValue())
                .isEqualTo(alice.handle()));
    }

    @Test
    void rejectedWritesRecordNothing() {
        User alice = newUser("alice");
        long id = createDefinition(alice.handle(), alice.key(), "def1");
        String path = definitionPath(alice.handle(), "def1");

        assertThat(call("PUT", path, alice.key(), object("definition_handle", "def1", "api_standard", "nope"))
                .status()).isEqualTo(400);
        assertThat(share(alice.handle(), "def1", alice.key(), alice.handle()).status()).isEqualTo(400);
        assertThat(share(alice.handle(), "def1", alice.key(), unique("ghost")).status()).isEqualTo(400);
        assertThat(putDefinition(alice.handle(), alice.key(), "def1", "dimensions", -1).status()).isEqualTo(422);
        assertThat(send("PATCH", path, alice.key(), "{\"definition_handle\":\"x-y-z\"}", MERGE_PATCH).status())
                .isEqualTo(400);

        assertThat(definitionEvents(id)).extracting(StoredEvent::type).containsExactly(CREATED);
    }

    @Test
    void aReCreatedHandleGetsANewStream() {
        User alice = newUser("alice");
        long first = createDefinition(alice.handle(), alice.key(), "def1");
        call("DELETE", definitionPath(alice.handle(), "def1"), alice.key(), null);

        long second = createDefinition(alice.handle(), alice.key(), "def1");

        assertThat(definitionEvents(first)).extracting(StoredEvent::type).containsExactly(CREATED, DELETED);
        assertThat(definitionEvents(second)).extracting(StoredEvent::type).containsExactly(CREATED);
    }
}
