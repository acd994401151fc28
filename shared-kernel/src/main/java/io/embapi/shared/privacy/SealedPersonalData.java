package io.embapi.shared.privacy;

/**
 * Personal data as it travels in events: each field is sealed with AES-256-GCM under a per-subject data key that
 * lives outside the event store (table {@code data_key}). Deleting that key ("forget user") leaves the
 * history intact and verifiable while the personal data becomes unreadable (crypto-shredding).
 *
 * @param keyId identifier of the subject's data key
 * @param name  sealed display name, base64 of {@code nonce || ciphertext || tag}; {@code null} when absent
 * @param email sealed e-mail address, same encoding; {@code null} when absent
 */
public record SealedPersonalData(String keyId, String name, String email) {
}
