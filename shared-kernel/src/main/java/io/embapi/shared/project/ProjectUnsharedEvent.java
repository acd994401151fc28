package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/** A user lost access to the project. */
@Revision("1")
public record ProjectUnsharedEvent(long projectId, String userHandle) {
}
