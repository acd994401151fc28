package io.embapi.shared.project;

import org.axonframework.serialization.Revision;

/**
 * The project now belongs to another user; the previous owner keeps no access, and a share the new owner had is
 * replaced by ownership.
 */
@Revision("1")
public record ProjectOwnershipTransferredEvent(long projectId, String projectHandle, String previousOwner,
                                               String newOwner) {
}
