package io.embapi.shared.embedding;

import org.axonframework.serialization.Revision;

/** One embedding was deleted from a project. */
@Revision("1")
public record EmbeddingDeletedEvent(long projectId, String textId) {
}
