package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/** A user was given (or changed) a role in the project. */
@Revision("1")
public record ProjectSharedEvent(long projectId, String userHandle, ProjectRole role) {
}
