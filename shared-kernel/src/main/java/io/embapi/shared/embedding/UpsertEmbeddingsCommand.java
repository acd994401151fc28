package io.embapi.shared.embedding;

import java.util.List;

/**
 * Store a batch of embeddings in a project, all or nothing.
 *
 * @param batchId   a fresh id; the accepted batch becomes the stream {@code embedding-batch:<batchId>}
 * @param projectId the project
 * @param items     the embeddings in the order sent
 */
public record UpsertEmbeddingsCommand(String batchId, long projectId, List<EmbeddingInput> items) {
}
