package io.embapi.command.user;

import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.shared.user.ForgetUserCommand;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Forget a user" (right to erasure, ADR 0012): one {@link ForgetUserCommand} on the {@link User} aggregate, which
 * deletes the account if it still exists and crypto-shreds the handle's personal-data keys. The history stays
 * byte-for-byte; what was sealed in it can no longer be opened. Admin only; runbook in ops/README.md.
 */
@RestController
@RequestMapping("/v1/admin/users")
@Tag(name = "admin")
class UserErasureController {

    private static final Logger log = LoggerFactory.getLogger(UserErasureController.class);

    private final CommandDispatcher commands;

    UserErasureController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping("/{user_handle}/forget")
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "204", description = "Forgotten (also when it already was)")
    @ApiResponse(responseCode = "404", description = "The handle never had an account")
    @Operation(summary = "Forget a user (erase its personal data)", description = "Deletes the account with its "
            + "projects if it still exists, as DELETE /v1/users/{user_handle} does, then deletes every data key its "
            + "name and e-mail were ever sealed under, so they can no longer be read from the history. The events "
            + "stay unchanged; the handle may be registered again. Repeating the call changes nothing (204).")
    ResponseEntity<Void> forget(@PathVariable("user_handle") String userHandle) {
        SystemUser.ensureNotSystem(userHandle);
        boolean forgotten;
        try {
            forgotten = commands.send(new ForgetUserCommand(userHandle), UserIds.aggregateId(userHandle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("user " + userHandle + " not found");
        }
        if (forgotten) {
            log.info("admin: forgot user {} (its personal data keys are deleted)", userHandle);
        }
        return ResponseEntity.noContent().build();
    }
}
