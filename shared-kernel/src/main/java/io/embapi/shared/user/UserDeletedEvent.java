package io.embapi.shared.user;

import org.axonframework.serialization.Revision;

/**
 * The user was deleted; its key stops working. The history stays; the handle may be registered again.
 *
 * @param userHandle the user's handle
 */
@Revision("1")
public record UserDeletedEvent(String userHandle) {
}
