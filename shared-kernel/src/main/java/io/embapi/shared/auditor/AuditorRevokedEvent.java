package io.embapi.shared.auditor;

import org.axonframework.serialization.Revision;

/**
 * An auditor credential was revoked; its key no longer authenticates.
 *
 * @param auditorHandle the auditor's handle
 */
@Revision("1")
public record AuditorRevokedEvent(String auditorHandle) {
}
