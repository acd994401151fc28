package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/** A project's description, metadata schema, instance or public flag was replaced. */
@Revision("1")
public record ProjectSettingsChangedEvent(long projectId, ProjectSettings settings) {
}
