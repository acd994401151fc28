package io.embapi.shared.embedding;

import org.axonframework.serialization.Revision;

/** Every embedding of a project was deleted. */
@Revision("1")
public record AllEmbeddingsDeletedEvent(long projectId) {
}
