package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register the built-in {@code _system} account if it does not exist yet; idempotent. It never gets a key. */
public record RegisterSystemUserCommand() {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(SystemUser.HANDLE);
    }
}
