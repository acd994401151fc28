package io.embapi.shared.embedding;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A batch of embeddings was stored in a project (created or replaced), all in one. */
@Revision("1")
public record EmbeddingsUpsertedEvent(long projectId, List<EmbeddingRecord> embeddings) {
}
