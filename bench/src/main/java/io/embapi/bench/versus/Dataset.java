package io.embapi.bench.versus;

import java.util.Random;

/**
 * The benchmark's data: clustered synthetic unit vectors from a fixed seed, generated the way the raw pgvector
 * baseline ({@code /work/shared/reference/pgvector-baseline.md}) generates them, so both describe the same workload:
 * 100 random unit centroids, each point a centroid plus Gaussian noise of σ = 0.5/√d, normalised. Every row has a
 * metadata class whose share is exact (row i: {@code i % 100} = 0 → p1, 1–5 → p5, 6–55 → p50, else rest), so the
 * filters {@code cat = p1 | p5 | p50} select 1 %, 5 % and 50 % of the rows, independently of the cluster.
 *
 * @param dimensions vector length
 * @param vectors    the stored rows, {@code t0000000…} in order
 * @param queries    fresh points from the same distribution (never a stored row)
 */
record Dataset(int dimensions, float[][] vectors, float[][] queries) {

    /** The metadata classes in the order of {@link Selectivity}. */
    static final String[] CLASSES = {"p1", "p5", "p50", "rest"};

    static Dataset generate(int dimensions, int rows, int queries, long seed) {
        Random random = new Random(seed * 1_000_003 + dimensions);
        float[][] centroids = new float[100][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = normalise(gaussian(random, dimensions, 1.0));
        }
        float[][] vectors = new float[rows][];
        for (int i = 0; i < rows; i++) {
            vectors[i] = point(random, centroids, dimensions);
        }
        Random queryRandom = new Random(seed * 1_000_003 + dimensions + 1);
        float[][] points = new float[queries][];
        for (int q = 0; q < queries; q++) {
            points[q] = point(queryRandom, centroids, dimensions);
        }
        return new Dataset(dimensions, vectors, points);
    }

    int size() {
        return vectors.length;
    }

    static String textId(int row) {
        return String.format("t%07d", row);
    }

    /** The metadata class of a row: p1, p5, p50 or rest. */
    static String category(int row) {
        int bucket = row % 100;
        return bucket == 0 ? "p1" : bucket <= 5 ? "p5" : bucket <= 55 ? "p50" : "rest";
    }

    static String metadataJson(int row) {
        return "{\"cat\":\"" + category(row) + "\",\"seq\":" + row + "}";
    }

    /** pgvector's text form, also valid JSON: {@code [0.1,0.2,…]}. */
    static String vectorText(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static float[] point(Random random, float[][] centroids, int dimensions) {
        float[] centroid = centroids[random.nextInt(centroids.length)];
        float[] noise = gaussian(random, dimensions, 0.5 / Math.sqrt(dimensions));
        for (int i = 0; i < dimensions; i++) {
            noise[i] += centroid[i];
        }
        return normalise(noise);
    }

    private static float[] gaussian(Random random, int dimensions, double sigma) {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextGaussian() * sigma);
        }
        return vector;
    }

    private static float[] normalise(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += (double) value * value;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }
}
