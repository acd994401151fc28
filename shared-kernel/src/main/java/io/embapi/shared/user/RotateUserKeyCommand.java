package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace the user's key: the new key works and the old one stops working in the same transaction.
 *
 * @param userHandle the user's handle
 * @param newKeyHash SHA-256 hex of the new key
 */
public record RotateUserKeyCommand(String userHandle, String newKeyHash) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(userHandle);
    }
}
