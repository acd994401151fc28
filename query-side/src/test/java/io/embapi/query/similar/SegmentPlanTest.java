package io.embapi.query.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.query.similar.SegmentPlan.Action;
import io.embapi.query.similar.SegmentPlan.Build;
import io.embapi.query.similar.SegmentPlan.Drop;
import io.embapi.query.similar.SegmentPlan.Part;
import io.embapi.query.similar.SegmentPlan.Rebuild;
import io.embapi.query.similar.SegmentPlan.Rows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealer's policy on counts alone: seal, merge (one build per cascade), repair, vacuum, shrink, legacy. */
class SegmentPlanTest {

    private static final int SEAL = 2000;

    private static Segment segment(long from, long to) {
        return new Segment(7, 384, from, to);
    }

    private static Part part(long from, long to, long rows) {
        return new Part(segment(from, to), rows, rows);
    }

    private static Rows rows(List<Part> parts, long tailRows, long tailMax) {
        return new Rows(7, 384, parts, tailRows, tailMax, 0, 0, -1);
    }

    @Test
    void aSmallTailStaysUnsealed() {
        assertThat(SegmentPlan.plan(rows(List.of(), 1999, 50), SEAL, 1)).isEmpty();
        assertThat(SegmentPlan.plan(rows(List.of(part(0, 40, 8000)), 1999, 50), SEAL, 1)).isEmpty();
    }

    @Test
    void aFullTailIsSealedFromTheFirstPositionOnOrAfterTheNewestSegment() {
        assertThat(SegmentPlan.plan(rows(List.of(), 2500, 30), SEAL, 1))
                .containsExactly(new Build(segment(0, 30), List.of(), 2500));
        assertThat(SegmentPlan.plan(rows(List.of(part(0, 40, 8000)), 2000, 60), SEAL, 1))
                .containsExactly(new Build(segment(41, 60), List.of(), 2000));
    }

    @Test
    void aMergeCascadeIsOneBuildOverTheSegmentsItSwallows() {
        List<Part> parts = List.of(part(0, 99, 16000), part(100, 149, 4000), part(150, 199, 2000));
        assertThat(SegmentPlan.plan(rows(parts, 2000, 250), SEAL, 1)).containsExactly(new Build(segment(100, 250),
                List.of(segment(100, 149), segment(150, 199)), 8000));
    }

    @Test
    void theShrunkenProjectLosesItsSegments() {
        assertThat(SegmentPlan.plan(rows(List.of(part(0, 10, 600), part(11, 20, 300)), 50, 30), SEAL, 1))
                .containsExactly(new Drop(segment(0, 10)), new Drop(segment(11, 20)));
    }

    @Test
    void emptySegmentsGoAndSegmentsFullOfDeadEntriesAreRebuilt() {
        List<Part> parts = List.of(new Part(segment(0, 10), 4000, 10000), new Part(segment(11, 20), 0, 3000),
                new Part(segment(21, 30), 2500, 3000));
        assertThat(SegmentPlan.plan(rows(parts, 10, 31), SEAL, 1))
                .containsExactly(new Drop(segment(11, 20)), new Rebuild(segment(0, 10)));
    }

    @Test
    void unsealedRowsBetweenSegmentsAreSealedWithTheirNeighbours() {
        Rows gap = new Rows(7, 384, List.of(part(0, 10, 8000), part(21, 30, 3000)), 0, -1, 500, 12, 18);
        // The repaired range is then the newest-but-one and smaller than the newest: the two are merged.
        assertThat(SegmentPlan.plan(gap, SEAL, 1))
                .containsExactly(new Build(segment(12, 30), List.of(segment(21, 30)), 3500));
        assertThat(SegmentPlan.plan(gap, SEAL, 0.1)).containsExactly(new Build(segment(12, 18), List.of(), 500));
        Rows straddling = new Rows(7, 384, List.of(part(0, 10, 8000), part(15, 16, 100), part(21, 30, 3000)), 0,
                -1, 500, 12, 18);
        assertThat(SegmentPlan.plan(straddling, SEAL, 0.1))
                .containsExactly(new Build(segment(12, 18), List.of(segment(15, 16)), 600));
    }

    @Test
    void aWholeProjectIndexFromBeforeSegmentsIsReplacedByABoundedOne() {
        Segment legacy = new Segment(7, 384, 0, Long.MAX_VALUE);
        assertThat(legacy.indexName()).isEqualTo("embedding_view_hnsw_p7_d384");
        assertThat(Segment.parse("embedding_view_hnsw_p7_d384")).contains(legacy);
        assertThat(SegmentPlan.plan(rows(List.of(new Part(legacy, 9000, 9000)), 0, -1), SEAL, 1))
                .containsExactly(new Build(segment(0, 0), List.of(legacy), 9000));
    }

    @Test
    void indexNamesCarryTheRange() {
        assertThat(segment(12, 3456).indexName()).isEqualTo("embedding_view_hnsw_p7_d384_s12_3456");
        assertThat(Segment.parse("embedding_view_hnsw_p7_d384_s12_3456")).contains(segment(12, 3456));
        assertThat(Segment.parse("embedding_view_metadata_idx")).isEmpty();
        assertThat(SimilaritySearch.outside(List.of(segment(0, 10), segment(11, 20)))).isEqualTo("(position >= 21)");
        assertThat(SimilaritySearch.outside(List.of(segment(5, 10), segment(15, 20))))
                .isEqualTo("(position BETWEEN 0 AND 4 OR position BETWEEN 11 AND 14 OR position >= 21)");
        assertThat(SimilaritySearch.outside(List.of(new Segment(7, 384, 0, Long.MAX_VALUE)))).isEqualTo("false");
    }

    /**
     * 100k rows arriving in seals of 2,000: the binary counter keeps at most log2(50) + 1 segments and builds each
     * row about log2(50) times in all (the price of keeping HNSW maintenance off the write path).
     */
    @Test
    void sustainedIngestionKeepsFewSegmentsAtLogarithmicBuildCost() {
        List<Part> parts = new ArrayList<>();
        long position = 0;
        long built = 0;
        int most = 0;
        for (int seal = 0; seal < 50; seal++) {
            position += 20;
            List<Action> actions = SegmentPlan.plan(rows(parts, SEAL, position), SEAL, 1);
            assertThat(actions).hasSize(1);
            Build build = (Build) actions.get(0);
            parts.removeIf(p -> build.replaces().contains(p.segment()));
            parts.add(new Part(build.target(), build.rows(), build.rows()));
            built += build.rows();
            most = Math.max(most, parts.size());
        }
        assertThat(parts.stream().mapToLong(Part::liveRows).sum()).isEqualTo(100_000);
        assertThat(most).isLessThanOrEqualTo(6);
        assertThat(parts).hasSize(Integer.bitCount(50));
        assertThat((double) built / 100_000).isLessThan(Math.log(50) / Math.log(2) + 1);
    }
}
