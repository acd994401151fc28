package io.embapi.shared.auditor;

import org.axonframework.serialization.Revision;

/**
 * An auditor credential was granted (for the first time, or again after a revocation). Like
 * {@code UserRegisteredEvent}, it carries the key's hash (never the key), so the authentication lookup table can be
 * rebuilt from the history alone.
 *
 * @param auditorHandle the auditor's handle
 * @param keyHash       SHA-256 hex of the auditor's key
 */
@Revision("1")
public record AuditorGrantedEvent(String auditorHandle, String keyHash) {
}
