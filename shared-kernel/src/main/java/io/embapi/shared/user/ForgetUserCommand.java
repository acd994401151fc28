package io.embapi.shared.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Forget the user (admin only): delete the account if it still exists (exactly as {@link DeleteUserCommand} does),
 * then destroy every personal-data key the handle ever had, so the name and e-mail sealed in its history can never
 * be read again. Idempotent: a handle that is already forgotten changes nothing.
 */
public record ForgetUserCommand(String userHandle) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserIds.aggregateId(userHandle);
    }
}
