package io.embapi.query.similar;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the search segments (admin): which HNSW segments serve which projects, and reconcile them now. */
@RestController
@Tag(name = "admin")
class SearchIndexController {

    private final SearchIndexes indexes;
    private final SearchSettings settings;

    SearchIndexController(SearchIndexes indexes, SearchSettings settings) {
        this.indexes = indexes;
        this.settings = settings;
    }

    /** One HNSW segment: the project and dimensions it serves, the event positions it covers, its live rows. */
    record IndexView(@JsonProperty("project_id") long projectId, int dimensions, String name,
                     @JsonProperty("from_position") long fromPosition, @JsonProperty("to_position") long toPosition,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Long rows) {
    }

    /** A project's rows of one dimension: how many segments, how many rows are unsealed (compared exactly). */
    record ProjectView(@JsonProperty("project_id") long projectId, int dimensions, int segments,
                       @JsonProperty("unsealed_rows") long unsealedRows) {
    }

    /** The valid segments, per project as of this node's last check, and the settings that decide them. */
    record IndexesView(List<IndexView> indexes, List<ProjectView> projects,
                       @JsonProperty("hnsw_min_rows") int hnswMinRows, @JsonProperty("ef_search") int efSearch,
                       @JsonProperty("exact_max_rows") int exactMaxRows,
                       @JsonProperty("segment_merge_factor") double segmentMergeFactor) {
    }

    /** What a reconciliation built and dropped. */
    record ReconcileView(List<IndexView> built, List<IndexView> dropped, boolean skipped) {
    }

    @GetMapping("/v1/admin/search-indexes")
    @Access(Scheme.ADMIN)
    @Operation(summary = "List the HNSW search segments", description = "A project's rows of one dimension are "
            + "sealed HNSW segments (partial indexes over ranges of event positions, built in the background) plus "
            + "the rows written since the last seal, which searches compare exactly; a tail of hnsw_min_rows rows is "
            + "sealed, and segments are merged so that a project keeps about log2(rows / hnsw_min_rows) of them.")
    IndexesView list() {
        Map<Segment, Long> rows = new HashMap<>();
        List<ProjectView> projects = new ArrayList<>();
        for (SearchIndexes.KeyState state : indexes.states()) {
            state.segments().forEach(segment -> rows.put(segment.segment(), segment.rows()));
            projects.add(new ProjectView(state.key().projectId(), state.key().dimensions(), state.segments().size(),
                    state.unsealedRows()));
        }
        projects.sort(Comparator.comparingLong(ProjectView::projectId).thenComparingInt(ProjectView::dimensions));
        List<Segment> valid = new ArrayList<>();
        for (SearchIndexes.Key key : indexes.valid()) {
            valid.addAll(indexes.segments(key.projectId(), key.dimensions()));
        }
        return new IndexesView(views(valid, rows), projects, settings.hnswMinRows(), settings.efSearch(),
                settings.exactMaxRows(), settings.segmentMergeFactor());
    }

    @PostMapping("/v1/admin/search-indexes/reconcile")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Seal, merge and drop search segments now", description = "Runs the periodic check at "
            + "once and waits for it: seals unsealed rows into HNSW segments, merges segments, drops those of "
            + "projects that shrank or are gone (builds run concurrently: reads and writes go on). Skipped while "
            + "the embedding view replays or another instance is at it.")
    ReconcileView reconcile() {
        SearchIndexes.Outcome outcome = indexes.reconcile();
        return new ReconcileView(views(outcome.segmentsBuilt(), Map.of()), views(outcome.segmentsDropped(), Map.of()),
                outcome.skipped());
    }

    private static List<IndexView> views(List<Segment> segments, Map<Segment, Long> rows) {
        return segments.stream().sorted(Comparator.comparingLong(Segment::projectId)
                        .thenComparingInt(Segment::dimensions).thenComparingLong(Segment::from))
                .map(s -> new IndexView(s.projectId(), s.dimensions(), s.indexName(), s.from(), s.to(),
                        rows.get(s))).toList();
    }
}
