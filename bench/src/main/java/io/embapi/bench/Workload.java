package io.embapi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic upload items: clustered random unit vectors (a fixed seed, a few centroids plus Gaussian noise, then
 * normalised, the way sentence embeddings bunch by topic), a 200-character text of random common words and a small
 * metadata object.
 */
final class Workload {

    private static final int CLUSTERS = 16;
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or "
            + "his from at which but have an they you were her she there been one all we their has would when if so "
            + "what can more no out up into do any your time only new some could these two may first then other than "
            + "its also like well way between many after over such should through where most much before must those "
            + "state world history study system theory reason nature language knowledge problem science argument")
            .split(" ");
    private static final int TEXT_LENGTH = 200;

    /** One item of an upload batch, before the command side turns it into an event record. */
    record Item(String textId, String text, float[] vector, String metadataPatch) {
    }

    private final int dimensions;
    private final SplittableRandom random;
    private final float[][] centroids;

    Workload(int dimensions, long seed) {
        this.dimensions = dimensions;
        this.random = new SplittableRandom(seed ^ (dimensions * 0x9E3779B97F4A7C15L));
        this.centroids = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            float[] centroid = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                centroid[i] = (float) gaussian();
            }
            centroids[c] = normalised(centroid);
        }
    }

    int dimensions() {
        return dimensions;
    }

    /** A unit vector near one of the centroids (noise of norm about 0.5). */
    float[] vector() {
        float[] centroid = centroids[random.nextInt(CLUSTERS)];
        double sigma = 0.5 / Math.sqrt(dimensions);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (centroid[i] + sigma * gaussian());
        }
        return normalised(vector);
    }

    Item item(String textId, int revision) {
        int k = random.nextInt(1000);
        StringBuilder text = new StringBuilder("Passage ").append(revision).append('.');
        while (text.length() < TEXT_LENGTH) {
            text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        String metadata = "{\"author\":\"author-" + k + "\",\"year\":" + (1900 + k % 125)
                + ",\"lang\":\"en\",\"revision\":" + revision + "}";
        return new Item(textId, text.substring(0, TEXT_LENGTH), vector(), metadata);
    }

    List<Item> items(List<String> textIds, int revision) {
        List<Item> items = new ArrayList<>(textIds.size());
        for (String id : textIds) {
            items.add(item(id, revision));
        }
        return items;
    }

    /** {@code count} ids {@code <prefix>-0 …}, URL-escaped like the API stores them. */
    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add("https%3A%2F%2Fexample.org%2F" + prefix + "-" + i);
        }
        return ids;
    }

    SplittableRandom random() {
        return random;
    }

    private double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}
