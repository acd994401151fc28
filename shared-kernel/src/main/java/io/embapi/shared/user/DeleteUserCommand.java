package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete the user; its key stops working at once. The handle may be registered again later. */
public record DeleteUserCommand(String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(userHandle);
    }
}
