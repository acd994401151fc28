package io.embapi.shared.instance;

import org.axonframework.serialization.Revision;

/** The instance was deleted. */
@Revision("1")
public record InstanceDeletedEvent(long instanceId, String owner, String instanceHandle) {
}
