package io.embapi.shared.auditor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grant a read-only auditor credential (admin only). Refused with 409 while the handle holds an active grant.
 *
 * @param auditorHandle the auditor's handle (its own namespace, unrelated to user handles)
 * @param keyHash       SHA-256 hex of the freshly generated key; the key itself is shown once and never sent on
 */
public record GrantAuditorCommand(String auditorHandle, String keyHash) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AuditorIds.aggregateId(auditorHandle);
    }
}
