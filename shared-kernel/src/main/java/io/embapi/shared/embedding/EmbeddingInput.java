package io.embapi.shared.embedding;

/**
 * One embedding of an upload batch, as the client sent it (checked by the ingestion, not yet accepted).
 *
 * @param textId         the caller's id of the document, stored verbatim
 * @param instanceHandle must name the project's LLM service instance
 * @param text           the text, or {@code null} to keep a stored one
 * @param vector         the vector
 * @param vectorDim      the declared dimensions
 * @param metadataJson   the metadata object as JSON (a merge patch onto stored metadata), or {@code null} to keep
 */
public record EmbeddingInput(String textId, String instanceHandle, String text, float[] vector, Integer vectorDim,
                             String metadataJson) {
}
