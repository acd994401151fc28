package io.embapi.shared.user;

import io.embapi.shared.privacy.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A user came into existence (for the first time, or again after deletion).
 *
 * @param userHandle   the user's handle
 * @param personalData name and e-mail, sealed under the user's data key
 * @param keyHash      SHA-256 hex of the user's key; {@code null} for an account that can never authenticate
 */
@Revision("1")
public record UserRegisteredEvent(String userHandle, SealedPersonalData personalData, String keyHash) {
}
