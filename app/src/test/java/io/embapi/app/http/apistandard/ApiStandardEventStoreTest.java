package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What API standard requests leave in the event store (table {@code domainevententry}): one stream
 * {@code api-standard:<h>} per standard with {@code ApiStandardSavedEvent} / {@code ApiStandardDeletedEvent}, the
 * admin as actor, nothing for unchanged saves or rejected requests.
 */
class ApiStandardEventStoreTest extends ApiStandardTestSupport {

    @Test
    void creatingAStandardAppendsASavedEventToItsOwnStream() {
        String handle = createNew("ev", "Event sourced");

        List<StoredEvent> events = events(handle);

        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED);
        assertThat(events.get(0).sequence()).isZero();
        assertThat(events.get(0).payload()).contains(handle, "Event sourced", "auth_bearer", "Authorization");
    }

    @Test
    void theSaveRecordsTheAdminAsActorAndTheResponsesRequestId() {
        String handle = unique("meta");
        Response response = put(handle, ADMIN_KEY, openAiLike(handle));

        JsonNode metadata = events(handle).get(0).metadataJson();

        assertThat(metadata.get("actor").stringValue()).isEqualTo("admin");
        assertThat(metadata.get("actorType").stringValue()).isEqualTo("admin");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(metadata.get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void aPostIsRecordedLikeAPut() {
        String handle = unique("evpost");
        call("POST", "/v1/api-standards", ADMIN_KEY, openAiLike(handle));

        List<StoredEvent> events = events(handle);

        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED);
        assertThat(events.get(0).metadataJson().get("actor").stringValue()).isEqualTo("admin");
    }

    @Test
    void anUnchangedSaveAppendsNoEvent() {
        String handle = createNew("evsame", "Unchanged");

        assertThat(put(handle, ADMIN_KEY, body(handle, "Unchanged", "auth_bearer", "Authorization")).status())
                .isEqualTo(201);
        assertThat(call("POST", "/v1/api-standards", ADMIN_KEY,
                body(handle, "Unchanged", "auth_bearer", "Authorization")).status()).isEqualTo(201);

        assertThat(events(handle)).hasSize(1);
    }

    @Test
    void aChangedSaveAppendsAnotherSavedEvent() {
        String handle = createNew("evchg", "Before");

        put(handle, ADMIN_KEY, body(handle, "After", "auth_bearer", "Authorization"));

        List<StoredEvent> events = events(handle);
        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED, SAVED);
        assertThat(events).extracting(StoredEvent::sequence).containsExactly(0L, 1L);
        assertThat(events.get(1).payload()).contains("After");
    }

    @Test
    void aDeletionAppendsADeletedEventWithTheAdminAsActor() {
        String handle = createNew("evdel", "Deleted");

        delete(handle, ADMIN_KEY);

        List<StoredEvent> events = events(handle);
        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED, DELETED);
        assertThat(events.get(1).payload()).contains(handle);
        assertThat(events.get(1).metadataJson().get("actor").stringValue()).isEqualTo("admin");
    }

    @Test
    void reCreatingADeletedHandleContinuesTheSameStream() {
        String handle = createNew("evre", "First");
        delete(handle, ADMIN_KEY);

        create(handle, "First", "auth_bearer", "Authorization");

        List<StoredEvent> events = events(handle);
        assertThat(events).extracting(StoredEvent::type).containsExactly(SAVED, DELETED, SAVED);
        assertThat(events).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void rejectedRequestsAppendNoEvents() {
        String handle = createNew("evrej", "Untouched");
        String userKey = createUser(unique("alice"));
        long definition = insertDefinitionUsing(handle);
        try {
            put(handle, null, body(handle, "x", "auth_bearer", "Authorization"));
            put(handle, userKey, body(handle, "x", "auth_bearer", "Authorization"));
            put(handle, ADMIN_KEY, body(handle, "x", "bearer", "Authorization"));
            put(handle, ADMIN_KEY, object("api_standard_handle", handle, "description", "x"));
            put(handle, ADMIN_KEY, openAiLike(unique("other")));
            delete(handle, userKey);
            delete(handle, ADMIN_KEY);
        } finally {
            removeDefinition(definition);
        }

        assertThat(events(handle)).hasSize(1);
        assertStandard(handle, "Untouched", "auth_bearer", "Authorization");
    }

    @Test
    void noStreamIsStartedForRejectedOrUnknownHandles() {
        String handle = unique("evnone");

        put(handle, ADMIN_KEY, body(handle, "x", "bearer", "Authorization"));
        put(handle, null, openAiLike(handle));
        delete(handle, ADMIN_KEY);
        patch(handle, ADMIN_KEY, "{\"description\":\"x\"}");

        assertThat(events(handle)).isEmpty();
    }

    @Test
    void theSeededStreamsStartWithTheSeededDefinitions() {
        assertThat(events("cohere").get(0).payload()).contains(COHERE_DESCRIPTION);
        assertThat(events("gemini").get(0).payload()).contains(GEMINI_DESCRIPTION, "x-goog-api-key");
        assertThat(events("openai").get(0).payload()).contains(OPENAI_DESCRIPTION);
    }
}
