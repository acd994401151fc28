package io.embapi.bench.versus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The exact top-10 of every recall query, per filter, by brute force in Java over the float32 vectors (double
 * accumulation, cosine distance): independent of PostgreSQL and of the service, so both paths are graded against
 * the same answer. One pass over the rows per query fills all four filters.
 */
final class GroundTruth {

    static final int K = 10;

    private final Map<Selectivity, List<Set<String>>> truth = new EnumMap<>(Selectivity.class);

    private GroundTruth() {
    }

    static GroundTruth compute(Dataset data, int queries) {
        GroundTruth result = new GroundTruth();
        int n = Math.min(queries, data.queries().length);
        double[] norms = new double[data.size()];
        for (int row = 0; row < norms.length; row++) {
            norms[row] = norm(data.vectors()[row]);
        }
        List<Map<Selectivity, Set<String>>> perQuery = IntStream.range(0, n).parallel()
                .mapToObj(q -> nearest(data, norms, data.queries()[q])).toList();
        for (Selectivity selectivity : Selectivity.values()) {
            List<Set<String>> sets = new ArrayList<>();
            for (Map<Selectivity, Set<String>> query : perQuery) {
                sets.add(query.get(selectivity));
            }
            result.truth.put(selectivity, sets);
        }
        return result;
    }

    int queries() {
        return truth.get(Selectivity.UNFILTERED).size();
    }

    /** Recall@10 of one answer to query {@code q}, or -1 when the query has no ground truth. */
    double recall(Selectivity selectivity, int q, Collection<String> found) {
        List<Set<String>> sets = truth.get(selectivity);
        if (q >= sets.size()) {
            return -1;
        }
        return recall(found, sets.get(q));
    }

    static double recall(Collection<String> found, Set<String> expected) {
        if (expected.isEmpty()) {
            return 1;
        }
        Set<String> common = new HashSet<>(found);
        common.retainAll(expected);
        return (double) common.size() / expected.size();
    }

    private record Hit(int row, double distance) {
    }

    private static Map<Selectivity, Set<String>> nearest(Dataset data, double[] norms, float[] query) {
        Map<Selectivity, PriorityQueue<Hit>> heaps = new EnumMap<>(Selectivity.class);
        for (Selectivity selectivity : Selectivity.values()) {
            // a max-heap of the K best so far: the worst on top
            heaps.put(selectivity, new PriorityQueue<>((a, b) -> Double.compare(b.distance(), a.distance())));
        }
        double queryNorm = norm(query);
        float[][] vectors = data.vectors();
        for (int row = 0; row < vectors.length; row++) {
            double dot = 0;
            float[] vector = vectors[row];
            for (int i = 0; i < vector.length; i++) {
                dot += (double) vector[i] * query[i];
            }
            Hit hit = new Hit(row, 1 - dot / (norms[row] * queryNorm));
            for (Selectivity selectivity : Selectivity.values()) {
                if (selectivity.matches(row)) {
                    PriorityQueue<Hit> heap = heaps.get(selectivity);
                    if (heap.size() < K) {
                        heap.add(hit);
                    } else if (hit.distance() < heap.peek().distance()) {
                        heap.poll();
                        heap.add(hit);
                    }
                }
            }
        }
        Map<Selectivity, Set<String>> result = new EnumMap<>(Selectivity.class);
        heaps.forEach((selectivity, heap) -> {
            Set<String> ids = new HashSet<>();
            heap.forEach(hit -> ids.add(Dataset.textId(hit.row())));
            result.put(selectivity, ids);
        });
        return result;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
