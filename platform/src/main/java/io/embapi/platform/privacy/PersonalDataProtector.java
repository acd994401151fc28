package io.embapi.platform.privacy;

import io.embapi.shared.privacy.SealedPersonalData;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Seals personal data for events and opens it again, as long as the subject's data key exists. */
public interface PersonalDataProtector {

    /** Creates a new data key for {@code subject} and seals the fields under it. */
    SealedPersonalData sealForNewSubject(String subject, String name, String email);

    /** Seals the fields under an existing data key. */
    SealedPersonalData reseal(String keyId, String name, String email);

    /** The clear fields, or empty when the subject's key was deleted (the subject was forgotten). */
    Optional<PersonalData> open(SealedPersonalData sealed);

    /**
     * Crypto-shreds a subject: deletes, in the caller's transaction, every data key recorded for {@code subject} and
     * every key in {@code keyIds} (the ids its events name), so nothing sealed under them can be opened again, on
     * any node (each node's cache of unwrapped keys is emptied when the deletion commits).
     *
     * @return the ids of the keys that were deleted, sorted; empty if none was left
     */
    List<String> forget(String subject, Collection<String> keyIds);

    /** Personal data in clear. Either field may be {@code null}. */
    record PersonalData(String name, String email) {
    }
}
