package io.embapi.shared.user;

import io.embapi.shared.privacy.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * The user's name or e-mail changed.
 *
 * @param userHandle   the user's handle
 * @param personalData the new name and e-mail, sealed under the user's data key
 */
@Revision("1")
public record UserProfileChangedEvent(String userHandle, SealedPersonalData personalData) {
}
