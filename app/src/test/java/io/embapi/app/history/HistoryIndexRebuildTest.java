package io.embapi.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.query.QuerySideConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The history index is derived from events alone: a reset empties it and the replay rebuilds identical rows. */
class HistoryIndexRebuildTest extends HistoryTestSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    private List<Map<String, Object>> names() {
        return jdbc.queryForList("SELECT * FROM project_name_history ORDER BY project_id, from_index");
    }

    private List<Map<String, Object>> embeddingEvents() {
        return jdbc.queryForList("SELECT * FROM embedding_event_index ORDER BY project_id, global_index, text_id");
    }

    @Test
    void aReplayRebuildsTheIndexRowForRow() {
        User alice = newUser("ia");
        User bob = newUser("ib");
        String path = projectWithInstance(alice.handle(), alice.key(), "one", 5);
        upload(path, alice.key(), item("a", null, VECTOR, null), item("b", null, VECTOR, null));
        upload(path, alice.key(), item("a", null, OTHER_VECTOR, null));
        call("DELETE", path + "/b", alice.key(), null);
        call("DELETE", path, alice.key(), null);
        call("POST", "/v1/projects/" + alice.handle() + "/one/transfer-ownership", alice.key(),
                "{\"new_owner_handle\":\"" + bob.handle() + "\"}");
        upload("/v1/embeddings/" + bob.handle() + "/one", bob.key(), item("c", null, VECTOR, null));
        call("PUT", "/v1/projects/" + alice.handle() + "/two", alice.key(), "{\"project_handle\":\"two\"}");
        call("DELETE", "/v1/projects/" + alice.handle() + "/two", alice.key(), null);
        call("DELETE", "/v1/users/" + bob.handle(), ADMIN_KEY, null);
        List<Map<String, Object>> names = names();
        List<Map<String, Object>> events = embeddingEvents();
        assertThat(names).isNotEmpty();
        assertThat(events.stream().map(r -> r.get("kind")).distinct())
                .contains("upserted", "deleted", "all-deleted", "project-deleted");

        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.HISTORY_INDEX, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM embedding_event_index", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM project_name_history", Long.class)).isZero();
        processor.start();

        // The replay covers the whole shared test database (every earlier test's events): wait for it to end, then
        // compare every row.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> !processor.isReplaying());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> names().equals(names) && embeddingEvents().equals(events));
    }
}
