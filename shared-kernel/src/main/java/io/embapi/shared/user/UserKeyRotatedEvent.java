package io.embapi.shared.user;

import org.axonframework.serialization.Revision;

/**
 * The user's key was replaced; the previous key no longer authenticates.
 *
 * @param userHandle the user's handle
 * @param keyHash    SHA-256 hex of the new key
 */
@Revision("1")
public record UserKeyRotatedEvent(String userHandle, String keyHash) {
}
