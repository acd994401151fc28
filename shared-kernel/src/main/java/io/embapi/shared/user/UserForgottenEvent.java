package io.embapi.shared.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The user's personal data was erased by crypto-shredding: the data keys its name and e-mail were sealed under are
 * deleted, so those fields in earlier events stay as ciphertext nobody can open. The event itself holds no personal
 * data; the key ids are random and let an auditor check that every sealed field of the stream is covered.
 *
 * @param userHandle the handle (it stays in clear: it is the stream's identity)
 * @param dataKeyIds the ids of the data keys that were deleted, sorted; empty if none was left
 */
@Revision("1")
public record UserForgottenEvent(String userHandle, List<String> dataKeyIds) {

    public UserForgottenEvent {
        dataKeyIds = dataKeyIds == null ? List.of() : List.copyOf(dataKeyIds);
    }
}
