package io.embapi.command.user;

import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.ApiKeyGenerator;
import io.embapi.platform.security.ApiKeys;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.RequestBodies;
import io.embapi.shared.user.DeleteUserCommand;
import io.embapi.shared.user.DescribeUserCommand;
import io.embapi.shared.user.RotateUserKeyCommand;
import io.embapi.shared.user.SaveUserCommand;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Writes to users: each request becomes one command on the {@link User} aggregate. New keys are generated here,
 * sent onward only as hashes, and shown to the caller once.
 */
@RestController
@RequestMapping("/v1/users")
@Tag(name = "users")
class UserCommandController {

    private final CommandDispatcher commands;
    private final ApiKeyGenerator keys;
    private final RequestBodies bodies;

    UserCommandController(CommandDispatcher commands, ApiKeyGenerator keys, RequestBodies bodies) {
        this.commands = commands;
        this.keys = keys;
        this.bodies = bodies;
    }

    @PutMapping("/{user_handle}")
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Created (new key shown once) or updated (\"not changed\")")
    @Operation(summary = "Create or update a user", description = "Creates the user with a new key (shown once) "
            + "or updates name and e-mail of an existing user (its key is kept).")
    ResponseEntity<UserKeyResponse> put(@PathVariable("user_handle") String userHandle, @JsonBody UserBody body) {
        SystemUser.ensureNotSystem(userHandle);
        if (!userHandle.equals(body.userHandle())) {
            throw ApiException.badRequest("user handle in URL (" + userHandle
                    + ") does not match user handle in body (" + body.userHandle() + ").");
        }
        return save(body);
    }

    @PostMapping
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Created (new key shown once) or updated (\"not changed\")")
    @Operation(summary = "Create or update a user (handle from the body)")
    ResponseEntity<UserKeyResponse> post(@JsonBody UserBody body) {
        SystemUser.ensureNotSystem(body.userHandle());
        return save(body);
    }

    @PatchMapping(path = "/{user_handle}", consumes = {"application/merge-patch+json", "application/json"})
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Patched (\"not changed\": the key is kept)")
    @Operation(summary = "Patch a user (JSON Merge Patch, RFC 7396)", description = "Applied to the stored name and "
            + "e-mail, then validated and saved exactly like PUT. The handle cannot be changed.")
    ResponseEntity<UserKeyResponse> patch(@PathVariable("user_handle") String userHandle, @JsonBody JsonNode patch) {
        SystemUser.ensureNotSystem(userHandle);
        UserDescription current;
        try {
            current = commands.ask(new DescribeUserCommand(userHandle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("user " + userHandle + " not found");
        }
        UserBody body = bodies.patched(new UserBody(userHandle, current.name(), current.email(), null, null, null),
                patch, "user_handle", userHandle, "user", UserBody.class);
        commands.send(new SaveUserCommand(userHandle, body.name(), body.email(), ApiKeys.hash(keys.newKey()),
                current.version()), UserIds.aggregateId(userHandle));
        return ResponseEntity.status(HttpStatus.CREATED).body(new UserKeyResponse(userHandle,
                UserKeyResponse.NOT_CHANGED));
    }

    @DeleteMapping("/{user_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete a user", description = "The user's key stops working at once.")
    ResponseEntity<Void> delete(@PathVariable("user_handle") String userHandle) {
        SystemUser.ensureNotSystem(userHandle);
        sendToExisting(userHandle, new DeleteUserCommand(userHandle));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{user_handle}/keys/rotate")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "Rotate a user's key", description = "Issues a new key (shown once) and revokes the old "
            + "one in the same transaction.")
    ResponseEntity<UserKeyResponse> rotateKey(@PathVariable("user_handle") String userHandle) {
        SystemUser.ensureNotSystem(userHandle);
        String key = keys.newKey();
        sendToExisting(userHandle, new RotateUserKeyCommand(userHandle, ApiKeys.hash(key)));
        return ResponseEntity.ok(new UserKeyResponse(userHandle, key));
    }

    private ResponseEntity<UserKeyResponse> save(UserBody body) {
        String key = keys.newKey();
        SaveUserResult result = commands.send(
                new SaveUserCommand(body.userHandle(), body.name(), body.email(), ApiKeys.hash(key)),
                UserIds.aggregateId(body.userHandle()));
        String shown = result == SaveUserResult.CREATED ? key : UserKeyResponse.NOT_CHANGED;
        return ResponseEntity.status(HttpStatus.CREATED).body(new UserKeyResponse(body.userHandle(), shown));
    }

    private void sendToExisting(String userHandle, Object command) {
        try {
            commands.send(command, UserIds.aggregateId(userHandle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("user " + userHandle + " not found");
        }
    }
}
