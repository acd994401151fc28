package io.embapi.shared.instance;

import org.axonframework.serialization.Revision;

/** A user was given (or changed) a role on the instance: reader or editor. */
@Revision("1")
public record InstanceSharedEvent(long instanceId, String userHandle, String role) {
}
