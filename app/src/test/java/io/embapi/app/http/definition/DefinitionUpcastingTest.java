package io.embapi.app.http.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.query.QuerySideConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A revision-1 definition event in the store, as the previous release wrote it (an unknown vector size as 0), next
 * to revision-2 events: the aggregate loads it through the upcaster, the projection builds from it live and again in
 * a rebuild, an instance made from the definition gets no dimensions, and the stored row is never rewritten.
 */
class DefinitionUpcastingTest extends DefinitionTestSupport {

    private static final String OLD_DESCRIPTION = "changed by the previous release";

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aRevisionOneRowIsReadInTheNewShapeByTheAggregateAndTheProjections() {
        User alice = newUser("upcast");
        String handle = "house-embed";
        String path = definitionPath(alice.handle(), handle);
        Response created = call("PUT", path, alice.key(), definitionBody(handle, "model", "house-embed-2",
                "context_limit", 512));
        assertThat(created.status()).isEqualTo(201);
        String stream = "definition:" + created.json().get("definition_id").longValue();
        assertThat(revisions(stream)).containsExactly("2");
        assertThat(streamEvents(stream).get(0).payloadJson().get("spec").get("dimensions").isNull()).isTrue();

        appendAsThePreviousReleaseDid(stream, "{\"definitionId\":" + created.json().get("definition_id").longValue()
                + ",\"spec\":{\"endpoint\":\"\",\"description\":\"" + OLD_DESCRIPTION + "\",\"apiStandard\":"
                + "\"openai\",\"model\":\"house-embed-2\",\"dimensions\":0,\"contextLimit\":512,\"isPublic\":false}}");
        String storedOldRow = rowText(stream, 1);

        // The projection, live: the old change arrives; an unknown size is left out, as for new definitions.
        await().atMost(Duration.ofSeconds(10)).until(() -> OLD_DESCRIPTION.equals(
                call("GET", path, alice.key(), null).json().path("description").asString("")));
        JsonNode shown = call("GET", path, alice.key(), null).json();
        assertThat(shown.has("dimensions")).isFalse();
        assertThat(shown.get("context_limit").intValue()).isEqualTo(512);

        // The aggregate: saving the same spec again is no change (null, not 0, is what it loaded).
        Response same = call("PUT", path, alice.key(), definitionBody(handle, "model", "house-embed-2",
                "context_limit", 512, "description", OLD_DESCRIPTION));
        assertThat(same.status()).isEqualTo(201);
        assertThat(revisions(stream)).containsExactly("2", "1");

        // An instance made from it has no dimensions (with 0 it would have a vector size of 0).
        Response instance = call("POST", "/v1/llm-instances/" + alice.handle() + "/from-definition", alice.key(),
                "{\"instance_handle\":\"from-old\",\"definition_owner\":\"" + alice.handle()
                        + "\",\"definition_handle\":\"" + handle + "\"}");
        assertThat(instance.status()).isEqualTo(200);
        JsonNode made = call("GET", "/v1/llm-instances/" + alice.handle() + "/from-old", alice.key(), null).json();
        assertThat(made.get("model").stringValue()).isEqualTo("house-embed-2");
        assertThat(made.has("dimensions")).isFalse();

        // The projection, rebuilt from the events.
        String view = "SELECT * FROM definition_view ORDER BY definition_id";
        List<Map<String, Object>> before = jdbc.queryForList(view);
        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.DEFINITION_VIEW, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(view).equals(before));

        assertThat(rowText(stream, 1)).isEqualTo(storedOldRow);
    }

    private List<String> revisions(String stream) {
        return jdbc.queryForList("SELECT payloadrevision FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, stream);
    }

    private String rowText(String stream, long sequence) {
        return jdbc.queryForObject("SELECT d::text FROM domainevententry d WHERE aggregateidentifier = ? "
                + "AND sequencenumber = ?", String.class, stream, sequence);
    }

    /** Inserts the stream's next row the way the JDBC engine of the previous release wrote it: revision "1". */
    private void appendAsThePreviousReleaseDid(String stream, String payload) {
        Map<String, Object> first = jdbc.queryForMap("SELECT type, metadata FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 0", stream);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                        + "metadata, payload, payloadrevision, payloadtype, \"timestamp\") "
                        + "VALUES (?, 1, ?, ?, ?, ?, '1', ?, ?)",
                stream, first.get("type"), UUID.randomUUID().toString(), first.get("metadata"),
                payload.getBytes(StandardCharsets.UTF_8), CHANGED, java.time.Instant.now().toString());
    }
}
