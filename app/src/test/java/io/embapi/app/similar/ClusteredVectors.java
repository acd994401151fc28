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

    /**
     * An upload body of the next {@code count} vectors, text ids {@code prefix + i} for i from {@code from}, with
     * the instance {@code embedding1} and, if {@code metadata} gives one for i, that metadata.
     */
    String batch(String prefix, int from, int count, java.util.function.IntFunction<String> metadata) {
        StringBuilder body = new StringBuilder("{\"embeddings\":[");
        for (int i = from; i < from + count; i++) {
            String meta = metadata.apply(i);
            body.append(i == from ? "" : ",").append("{\"text_id\":\"").append(prefix).append(i)
                    .append("\",\"instance_handle\":\"embedding1\",\"vector\":").append(json(next()))
                    .append(",\"vector_dim\":").append(dimensions)
                    .append(meta == null ? "" : ",\"metadata\":" + meta).append('}');
        }
        return body.append("]}").toString();
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
