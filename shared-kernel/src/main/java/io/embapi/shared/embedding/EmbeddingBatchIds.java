package io.embapi.shared.embedding;

/** Each accepted upload batch is one event in its own stream, {@code embedding-batch:<uuid>}. */
public final class EmbeddingBatchIds {

    private EmbeddingBatchIds() {
    }

    public static String streamId(String batchId) {
        return "embedding-batch:" + batchId;
    }
}
