package io.embapi.shared.privacy;

/**
 * A secret (e.g. a provider API key) as it travels in events: AES-256-GCM ciphertext under a data key that lives
 * outside the event store (table {@code data_key}), itself wrapped under the master key. Rotating the master key
 * re-wraps data keys and never touches events.
 *
 * @param keyId      identifier of the data key
 * @param ciphertext base64 of {@code nonce || ciphertext || tag}
 */
public record SealedSecret(String keyId, String ciphertext) {
}
