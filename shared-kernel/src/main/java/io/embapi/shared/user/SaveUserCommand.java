package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Create the user or, when it exists, replace its name and e-mail (the reference's upsert semantics).
 *
 * @param userHandle       the user's handle
 * @param name             display name; {@code null} stores an empty name, as the reference does
 * @param email            e-mail address, unique among users (case-insensitive)
 * @param candidateKeyHash SHA-256 hex of a freshly generated key, used only if the user is created
 * @param expectedVersion  for PATCH: the version the patch was computed from; {@code null} to skip the check
 */
public record SaveUserCommand(String userHandle, String name, String email, String candidateKeyHash,
                              Long expectedVersion) {

    public SaveUserCommand(String userHandle, String name, String email, String candidateKeyHash) {
        this(userHandle, name, email, candidateKeyHash, null);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(userHandle);
    }

    @TargetAggregateVersion
    public Long version() {
        return expectedVersion;
    }
}
