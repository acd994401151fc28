package io.embapi.query.similar;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sealed segment of a project's rows of one dimension: the rows whose event position lies in {@code from..to}
 * (inclusive), served by one partial HNSW index named {@code embedding_view_hnsw_p<project>_d<dims>_s<from>_<to>}.
 * Rows outside every segment (the unsealed tail) are compared exactly. A new or updated row always gets a position
 * above every sealed range, so writing it never touches an HNSW graph.
 *
 * <p>A legacy index of the whole project ({@code embedding_view_hnsw_p<project>_d<dims>}, before segments) reads as
 * the segment {@code 0..Long.MAX_VALUE}; the sealer replaces it by a bounded one.
 *
 * @param projectId  the project
 * @param dimensions the rows' dimensions
 * @param from       lowest event position covered
 * @param to         highest event position covered
 */
public record Segment(long projectId, int dimensions, long from, long to) {

    private static final Pattern NAME = Pattern.compile("embedding_view_hnsw_p(\\d+)_d(\\d+)(?:_s(\\d+)_(\\d+))?");
    /** PostgreSQL truncates longer identifiers, which would make the range unreadable. */
    static final int MAX_NAME = 63;

    public Segment {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("segment range " + from + ".." + to);
        }
    }

    /** The index's name; the range is part of it, so the catalogue is pg_index itself. */
    public String indexName() {
        return legacy() ? "embedding_view_hnsw_p" + projectId + "_d" + dimensions
                : "embedding_view_hnsw_p" + projectId + "_d" + dimensions + "_s" + from + "_" + to;
    }

    /** An index over all of a project's rows, from before segments. */
    public boolean legacy() {
        return from == 0 && to == Long.MAX_VALUE;
    }

    public SearchIndexes.Key key() {
        return new SearchIndexes.Key(projectId, dimensions);
    }

    boolean overlaps(Segment other) {
        return from <= other.to && other.from <= to;
    }

    boolean contains(Segment other) {
        return from <= other.from && other.to <= to;
    }

    /** The segment an index name describes, if it is one of ours. */
    static Optional<Segment> parse(String indexName) {
        Matcher name = NAME.matcher(indexName);
        if (!name.matches()) {
            return Optional.empty();
        }
        long project = Long.parseLong(name.group(1));
        int dimensions = Integer.parseInt(name.group(2));
        if (name.group(3) == null) {
            return Optional.of(new Segment(project, dimensions, 0, Long.MAX_VALUE));
        }
        return Optional.of(new Segment(project, dimensions, Long.parseLong(name.group(3)),
                Long.parseLong(name.group(4))));
    }
}
