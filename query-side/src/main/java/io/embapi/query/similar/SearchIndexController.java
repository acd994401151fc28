package io.embapi.query.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the search indexes (admin): which projects have an HNSW index, and reconcile them now. */
@RestController
@Tag(name = "admin")
class SearchIndexController {

    private final SearchIndexes indexes;
    private final SearchSettings settings;

    SearchIndexController(SearchIndexes indexes, SearchSettings settings) {
        this.indexes = indexes;
        this.settings = settings;
    }

    /** One HNSW index: the project and dimensions it serves. */
    record IndexView(@JsonProperty("project_id") long projectId, int dimensions, String name) {
    }

    /** The valid indexes and the settings that decide them. */
    record IndexesView(List<IndexView> indexes, @JsonProperty("hnsw_min_rows") int hnswMinRows,
                       @JsonProperty("ef_search") int efSearch, @JsonProperty("exact_max_rows") int exactMaxRows) {
    }

    /** What a reconciliation built and dropped. */
    record ReconcileView(List<IndexView> built, List<IndexView> dropped, boolean skipped) {
    }

    @GetMapping("/v1/admin/search-indexes")
    @Access(Scheme.ADMIN)
    @Operation(summary = "List the HNSW search indexes", description = "One partial HNSW index per project and "
            + "dimensions with at least hnsw_min_rows embeddings; smaller projects are searched exactly.")
    IndexesView list() {
        return new IndexesView(views(indexes.valid()), settings.hnswMinRows(), settings.efSearch(),
                settings.exactMaxRows());
    }

    @PostMapping("/v1/admin/search-indexes/reconcile")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Build and drop search indexes now", description = "Runs the periodic check at once and "
            + "waits for it: builds missing indexes (concurrently, reads and writes go on), drops those of projects "
            + "that shrank or are gone. Skipped while the embedding view replays or another instance is at it.")
    ReconcileView reconcile() {
        SearchIndexes.Outcome outcome = indexes.reconcile();
        return new ReconcileView(views(outcome.built()), views(outcome.dropped()), outcome.skipped());
    }

    private static List<IndexView> views(Set<SearchIndexes.Key> keys) {
        return keys.stream().sorted(Comparator.comparingLong(SearchIndexes.Key::projectId)
                        .thenComparingInt(SearchIndexes.Key::dimensions))
                .map(k -> new IndexView(k.projectId(), k.dimensions(), k.indexName())).toList();
    }
}
