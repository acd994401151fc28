package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the user's current name, e-mail and version (the input a PATCH is applied to); changes nothing. */
public record DescribeUserCommand(String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(userHandle);
    }
}
