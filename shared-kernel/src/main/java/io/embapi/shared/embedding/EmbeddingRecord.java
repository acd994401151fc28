package io.embapi.shared.embedding;

/**
 * One accepted embedding, complete, as the event carries it: enough to rebuild every read model from events alone.
 *
 * @param textId     the caller's id of the document
 * @param text       the text (empty when none)
 * @param dimensions the vector's dimensions
 * @param vector     the vector in full float32 precision, encoded with {@link io.embapi.shared.vector.VectorCodec}
 * @param metadata   the resulting metadata object as JSON, or {@code null} for none
 */
public record EmbeddingRecord(String textId, String text, int dimensions, String vector, String metadata) {
}
