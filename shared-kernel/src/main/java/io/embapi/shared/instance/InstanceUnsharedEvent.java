package io.embapi.shared.instance;

import org.axonframework.serialization.Revision;

/** A user lost access to the instance. */
@Revision("1")
public record InstanceUnsharedEvent(long instanceId, String userHandle) {
}
