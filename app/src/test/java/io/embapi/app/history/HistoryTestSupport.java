package io.embapi.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Helpers of the history and as_of tests: uploads of 5-d embeddings, history pages, entry lookups. */
abstract class HistoryTestSupport extends ApiTestSupport {

    static final String VECTOR = "[0.125,-0.5,0.25,1.5,-2.0]";
    static final String OTHER_VECTOR = "[0.5,0.5,0.5,0.5,0.5]";

    static String item(String textId, String text, String vector, String metadata) {
        return "{\"text_id\":\"" + textId + "\",\"instance_handle\":\"embedding1\"" + (text == null ? ""
                : ",\"text\":\"" + text + "\"") + ",\"vector\":" + vector + ",\"vector_dim\":5"
                + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}";
    }

    Response upload(String path, String key, String... items) {
        Response response = call("POST", path, key, "{\"embeddings\":[" + String.join(",", items) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    /** Every entry of a history, following next_after page by page. */
    List<JsonNode> history(String path, String key) {
        List<JsonNode> entries = new ArrayList<>();
        String after = "";
        while (true) {
            Response page = call("GET", path + "?limit=2" + after, key, null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("entries").forEach(entries::add);
            JsonNode next = page.json().get("next_after");
            if (next == null) {
                return entries;
            }
            after = "&after=" + next.longValue();
        }
    }

    static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("event").stringValue()).toList();
    }

    static Instant time(JsonNode entry) {
        return Instant.parse(entry.get("time").stringValue());
    }

    static String asOf(Instant at) {
        return "as_of=" + at;
    }
}
