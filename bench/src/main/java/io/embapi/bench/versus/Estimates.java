package io.embapi.bench.versus;

import java.util.List;

/**
 * Expected seconds per phase on the 2-core reference machines (rates from the raw pgvector baseline and from the
 * service's earlier benchmarks), used for the duration printed at start and for the progress bar's ETA. They only
 * weight the phases; the ETA corrects itself from the measured progress.
 */
final class Estimates {

    private Estimates() {
    }

    static double serviceStart() {
        return 20;
    }

    static double rawInsert(int dimensions, int rows) {
        double rate = dimensions <= 512 ? (rows <= 20_000 ? 700 : 475) : 290;
        return rows / rate;
    }

    /** Fast until the service builds the project's index (2,000 rows), then bound by HNSW maintenance. */
    static double apiUpload(int dimensions, int rows) {
        return rows / (dimensions <= 512 ? 600.0 : 300.0);
    }

    static double indexBuild(int dimensions, int rows) {
        return 1 + rows / (dimensions <= 512 ? 2_400.0 : 2_000.0);
    }

    static double copyAndIndex(int dimensions, int rows) {
        return rows / (dimensions <= 512 ? 40_000.0 : 12_000.0) + indexBuild(dimensions, rows);
    }

    static double replay(int dimensions, int rows) {
        return 2 + rows / (dimensions <= 512 ? 1_200.0 : 500.0);
    }

    static double groundTruth(int dimensions, int rows, int queries) {
        return 1 + (double) rows * dimensions * queries / 1.5e9;
    }

    static double warmUp(int queries) {
        return queries / 150.0;
    }

    static double search(int repeats, int queries, List<Integer> clients) {
        double perMode = 0;
        for (int c : clients) {
            // API and JDBC, QPS on 2 shared cores (API ~150 at 1 client, JDBC ~500), plus warm-up
            perMode += queries / (c == 1 ? 150.0 : 250.0) + queries / (c == 1 ? 500.0 : 700.0) + 2;
        }
        return repeats * Selectivity.values().length * perMode;
    }

    static double dataSet(int dimensions, int rows, int queries, int recallQueries, int warmUp, int repeats,
                          List<Integer> clients) {
        return serviceStart() + rawInsert(dimensions, rows) + apiUpload(dimensions, rows) + indexBuild(dimensions,
                rows) + copyAndIndex(dimensions, rows) + replay(dimensions, rows) + indexBuild(dimensions, rows)
                + groundTruth(dimensions, rows, recallQueries) + warmUp(warmUp) + search(repeats, queries, clients)
                + 5;
    }
}
