package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/** The project was deleted; read models drop it with its embeddings and shares. */
@Revision("1")
public record ProjectDeletedEvent(long projectId, String owner, String projectHandle) {
}
