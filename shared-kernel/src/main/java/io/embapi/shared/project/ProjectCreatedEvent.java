package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/** A project was created. */
@Revision("1")
public record ProjectCreatedEvent(long projectId, String owner, String projectHandle, ProjectSettings settings) {
}
