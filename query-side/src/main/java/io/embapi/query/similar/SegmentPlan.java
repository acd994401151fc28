package io.embapi.query.similar;

import java.util.ArrayList;
import java.util.List;

/**
 * What the sealer does with one project's rows of one dimension, decided from counts alone (no I/O, so the policy is
 * tested on its own). The rows are a sequence of sealed segments ordered by event position and an unsealed tail:
 * <ul>
 *   <li><b>seal</b>: a tail of at least {@code sealRows} rows becomes a segment (bulk-built, off the write path);</li>
 *   <li><b>merge</b>: while the next-to-newest segment holds at most {@code mergeFactor} times the rows of the newest,
 *       the two are built again as one — a binary counter over segment sizes, so a project of n rows has about
 *       log2(n / sealRows) segments and each row is rebuilt that many times (cascades are one build, not several);</li>
 *   <li><b>repair</b>: unsealed rows below the newest segment (a gap left by a dropped invalid index, or an event
 *       that arrived late) are sealed together with the segments around them;</li>
 *   <li><b>vacuum</b>: a segment whose live rows fell below half of what its index holds (deletes and updates leave
 *       dead entries) is rebuilt; one with no live rows is dropped;</li>
 *   <li><b>shrink</b>: below half of {@code sealRows} rows in all, every segment goes (an exact scan is faster);</li>
 *   <li><b>legacy</b>: an index over the whole project (before segments) is replaced by a bounded segment.</li>
 * </ul>
 */
final class SegmentPlan {

    private SegmentPlan() {
    }

    /** A segment, its live rows now and the entries its index holds (pg_class.reltuples; negative: unknown). */
    record Part(Segment segment, long liveRows, long indexedRows) {
    }

    /**
     * One project's rows of one dimension.
     *
     * @param segments  the valid segments, ordered by position, disjoint
     * @param tailRows  rows above the newest segment (or all rows when there is none)
     * @param tailMax   the highest position among them
     * @param gapRows   unsealed rows below the newest segment's end
     * @param gapMin    lowest position among them
     * @param gapMax    highest position among them
     */
    record Rows(long projectId, int dimensions, List<Part> segments, long tailRows, long tailMax, long gapRows,
                long gapMin, long gapMax) {

        long total() {
            return tailRows + gapRows + segments.stream().mapToLong(Part::liveRows).sum();
        }
    }

    sealed interface Action permits Build, Drop, Rebuild {
    }

    /** Build {@code target} (concurrently), then drop the segments it replaces. */
    record Build(Segment target, List<Segment> replaces, long rows) implements Action {
    }

    /** Drop a segment's index. */
    record Drop(Segment segment) implements Action {
    }

    /** Rebuild a segment's index in place (REINDEX CONCURRENTLY), which leaves its dead entries behind. */
    record Rebuild(Segment segment) implements Action {
    }

    /** A segment in the plan's working list: what it covers, its rows, and which existing ones it is made of. */
    private record Work(long from, long to, long rows, List<Segment> made, boolean fresh) {
        Work merge(Work newer) {
            List<Segment> both = new ArrayList<>(made);
            both.addAll(newer.made);
            return new Work(from, newer.to, rows + newer.rows, both, true);
        }
    }

    static List<Action> plan(Rows rows, int sealRows, double mergeFactor) {
        List<Action> actions = new ArrayList<>();
        long total = rows.total();
        if (total < Math.max(1, sealRows / 2)) {
            rows.segments().forEach(part -> actions.add(new Drop(part.segment())));
            return actions;
        }
        long maxPosition = Math.max(rows.tailMax(), rows.gapMax());
        for (Part part : rows.segments()) {
            maxPosition = Math.max(maxPosition, part.segment().legacy() ? 0 : part.segment().to());
        }
        if (rows.segments().stream().anyMatch(part -> part.segment().legacy())) {
            actions.add(new Build(new Segment(rows.projectId(), rows.dimensions(), 0, maxPosition),
                    rows.segments().stream().map(Part::segment).toList(), total));
            return actions;
        }
        List<Work> work = new ArrayList<>();
        for (Part part : rows.segments()) {
            if (part.liveRows() == 0) {
                actions.add(new Drop(part.segment()));
            } else {
                work.add(new Work(part.segment().from(), part.segment().to(), part.liveRows(),
                        List.of(part.segment()), false));
            }
        }
        if (rows.gapRows() > 0) {
            long from = rows.gapMin();
            long to = rows.gapMax();
            long count = rows.gapRows();
            List<Segment> made = new ArrayList<>();
            for (java.util.Iterator<Work> it = work.iterator(); it.hasNext(); ) {
                Work w = it.next();
                if (w.from() <= to && from <= w.to()) {
                    from = Math.min(from, w.from());
                    to = Math.max(to, w.to());
                    count += w.rows();
                    made.addAll(w.made());
                    it.remove();
                }
            }
            work.add(new Work(from, to, count, made, true));
            work.sort(java.util.Comparator.comparingLong(Work::from));
        }
        if (rows.tailRows() >= sealRows) {
            long from = work.isEmpty() ? 0 : work.get(work.size() - 1).to() + 1;
            work.add(new Work(from, Math.max(from, rows.tailMax()), rows.tailRows(), List.of(), true));
        }
        while (work.size() >= 2
                && work.get(work.size() - 2).rows() <= mergeFactor * work.get(work.size() - 1).rows()) {
            Work newer = work.remove(work.size() - 1);
            Work older = work.remove(work.size() - 1);
            work.add(older.merge(newer));
        }
        for (Work w : work) {
            if (w.fresh()) {
                actions.add(new Build(new Segment(rows.projectId(), rows.dimensions(), w.from(), w.to()), w.made(),
                        w.rows()));
            }
        }
        for (Part part : rows.segments()) {
            boolean untouched = work.stream().anyMatch(w -> !w.fresh() && w.made().contains(part.segment()));
            if (untouched && part.indexedRows() > 0 && part.liveRows() * 2 < part.indexedRows()) {
                actions.add(new Rebuild(part.segment()));
            }
        }
        return actions;
    }
}
