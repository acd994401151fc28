package io.embapi.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A page of history entries, oldest first; {@code next_after} is present when more follow (pass it as
 * {@code after}).
 */
@Schema(name = "HistoryPage")
public record HistoryPage(
        List<HistoryEntry> entries,
        @JsonProperty("next_after") @JsonInclude(JsonInclude.Include.NON_NULL) Long nextAfter) {

    /** The entries after position {@code after}, at most {@code limit} of them. */
    static HistoryPage of(List<HistoryEntry> all, long after, int limit) {
        List<HistoryEntry> rest = all.stream().filter(e -> e.position() > after).toList();
        List<HistoryEntry> page = rest.stream().limit(limit).toList();
        Long next = rest.size() > limit ? page.get(page.size() - 1).position() : null;
        return new HistoryPage(page, next);
    }
}
