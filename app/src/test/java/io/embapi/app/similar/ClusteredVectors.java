package io.embapi.app.similar;

import java.util.Random;

/**
 * Clustered synthetic unit vectors with a fixed seed, as in the raw pgvector baseline: random unit centroids, each
 * point a centroid plus Gaussian noise of σ = 0.5/√d, normalised. Nearest neighbours are close but not trivial.
 */
final class ClusteredVectors {

    private final Random random;
    private final float[][] centroids;
    private final int dimensions;

    ClusteredVectors(long seed, int dimensions, int clusters) {
        this.random = new Random(seed);
        this.dimensions = dimensions;
        this.centroids = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            float[] centroid = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                centroid[i] = (float) random.nextGaussian();
            }
            centroids[c] = normalised(centroid);
        }
    }

    float[] next() {
        float[] centroid = centroids[random.nextInt(centroids.length)];
        double sigma = 0.5 / Math.sqrt(dimensions);
        float[] point = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            point[i] = (float) (centroid[i] + sigma * random.nextGaussian());
        }
        return normalised(point);
    }

    static String json(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }
}
