package io.embapi.command.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.command.definition.DefinitionCatalog;
import io.embapi.command.definition.DefinitionDescription;
import io.embapi.command.user.UserDirectory;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.privacy.SecretProtector;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Caller;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.OneOf;
import io.embapi.platform.web.RequestBodies;
import io.embapi.shared.Handles;
import io.embapi.shared.definition.DefinitionSpec;
import io.embapi.shared.definition.DescribeDefinitionCommand;
import io.embapi.shared.instance.DeleteInstanceCommand;
import io.embapi.shared.instance.DescribeInstanceCommand;
import io.embapi.shared.instance.InstanceIds;
import io.embapi.shared.instance.InstanceSpec;
import io.embapi.shared.instance.SaveInstanceCommand;
import io.embapi.shared.instance.ShareInstanceCommand;
import io.embapi.shared.instance.UnshareInstanceCommand;
import io.embapi.shared.privacy.SealedSecret;
import io.embapi.shared.user.SystemUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
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
 * Writes to LLM service instances, each one command on the {@link LlmInstance} aggregate. A provider key is sealed
 * here, before it enters any command or event, and is never answered.
 */
@RestController
@RequestMapping("/v1/llm-instances/{user_handle}")
@Tag(name = "llm-services")
class InstanceCommandController {

    private static final String DEFAULT_STANDARD = "openai";

    private final CommandDispatcher commands;
    private final InstanceDirectory instances;
    private final DefinitionCatalog definitions;
    private final UserDirectory users;
    private final SecretProtector secrets;
    private final RequestBodies bodies;

    InstanceCommandController(CommandDispatcher commands, InstanceDirectory instances, DefinitionCatalog definitions,
                              UserDirectory users, SecretProtector secrets, RequestBodies bodies) {
        this.commands = commands;
        this.instances = instances;
        this.definitions = definitions;
        this.users = users;
        this.secrets = secrets;
        this.bodies = bodies;
    }

    /** The answer to saving an instance. */
    @Schema(name = "UploadInstanceResponseBody")
    record Saved(String owner, @JsonProperty("instance_handle") String instanceHandle,
                 @JsonProperty("instance_id") long instanceId) {
    }

    /** The body of a share request. */
    @Schema(name = "ShareInstanceRequest")
    record ShareBody(
            @JsonProperty("share_with_handle")
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20,
                    pattern = Handles.PATTERN)
            @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
            String shareWithHandle,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"reader", "editor"})
            @OneOf({"reader", "editor"})
            String role) {
    }

    /** A share, as answered. */
    record Share(@JsonProperty("user_handle") String userHandle, String role) {
    }

    /** The answer to sharing an instance. */
    @Schema(name = "ShareInstanceResponseBody")
    record Shared(String owner, @JsonProperty("instance_handle") String instanceHandle,
                  @JsonProperty("shared_with") List<Share> sharedWith) {
    }

    @PutMapping("/{instance_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an LLM service instance", description = "Replaces everything; without "
            + "api_key a stored key is removed.")
    ResponseEntity<Saved> put(@PathVariable("user_handle") String owner,
                              @PathVariable("instance_handle") String handle, @JsonBody InstanceBody body) {
        SystemUser.ensureNotSystem(owner);
        if (!handle.equals(body.instanceHandle())) {
            throw ApiException.badRequest("instance handle in URL (\"" + handle
                    + "\") does not match instance handle in body (\"" + body.instanceHandle() + "\")");
        }
        return created(save(owner, body.instanceHandle(), specOf(body, null), sealed(owner, body), null));
    }

    @PostMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an LLM service instance (handle from the body)")
    ResponseEntity<Saved> post(@PathVariable("user_handle") String owner, @JsonBody InstanceBody body) {
        SystemUser.ensureNotSystem(owner);
        return created(save(owner, body.instanceHandle(), specOf(body, null), sealed(owner, body), null));
    }

    @PostMapping("/from-definition")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "Create an instance from a definition", description = "Fields left empty are taken from "
            + "the definition, which must be public, the user's own, or shared with the user.")
    Saved fromDefinition(@PathVariable("user_handle") String owner, @JsonBody InstanceBody body, Caller caller) {
        SystemUser.ensureNotSystem(owner);
        if (body.userHandle() != null && !body.userHandle().equals(owner)) {
            throw ApiException.badRequest("user handle in URL (\"" + owner + "\") does not match user handle in body "
                    + "(\"" + body.userHandle() + "\")");
        }
        users.ensureExists(owner);
        String definitionOwner = body.definitionOwner() == null ? "" : body.definitionOwner();
        String definitionHandle = body.definitionHandle() == null ? "" : body.definitionHandle();
        long definitionId = definitions.find(definitionOwner, definitionHandle).orElseThrow(() ->
                ApiException.notFound("definition " + definitionOwner + "/" + definitionHandle + " not found"));
        if (!caller.isAdmin() && !definitions.usableBy(definitionId, owner)) {
            throw ApiException.forbidden("user does not have access to definition " + definitionOwner + "/"
                    + definitionHandle);
        }
        DefinitionDescription definition = commands.ask(new DescribeDefinitionCommand(definitionId));
        return save(owner, body.instanceHandle(), specOf(body, definitionId, definition.spec()),
                sealed(owner, body), null);
    }

    @PatchMapping(path = "/{instance_handle}", consumes = {"application/merge-patch+json", "application/json"})
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Patched")
    @Operation(summary = "Patch an LLM service instance (JSON Merge Patch, RFC 7396)", description = "The stored "
            + "key is kept unless the patch sets api_key (a new key) or null (no key).")
    ResponseEntity<Saved> patch(@PathVariable("user_handle") String owner,
                                @PathVariable("instance_handle") String handle, @JsonBody JsonNode patch) {
        SystemUser.ensureNotSystem(owner);
        long instanceId = existing(owner, handle, "llm service " + handle + " for user " + owner + " not found");
        InstanceDescription current = commands.ask(new DescribeInstanceCommand(instanceId));
        InstanceSpec s = current.spec();
        InstanceBody body = bodies.patched(new InstanceBody(null, handle, null, null, null, s.endpoint(),
                s.description(), s.apiStandard(), s.model(), s.dimensions(), s.contextLimit(), null), patch,
                "instance_handle", handle, "instance", InstanceBody.class);
        SealedSecret key = !patch.has("api_key") ? current.apiKey() : sealed(owner, body);
        return created(save(owner, handle, specOf(body, s.definitionId()), key, current.version()));
    }

    @DeleteMapping("/{instance_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete an LLM service instance", description = "Refused (409) while a project uses it.")
    ResponseEntity<Void> delete(@PathVariable("user_handle") String owner,
                                @PathVariable("instance_handle") String handle) {
        SystemUser.ensureNotSystem(owner);
        users.ensureExists(owner);
        long instanceId = existing(owner, handle, "llm service " + handle + " for user " + owner + " not found");
        commands.send(new DeleteInstanceCommand(instanceId), InstanceIds.aggregateId(instanceId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{instance_handle}/share")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Shared")
    @Operation(summary = "Share an LLM service instance as reader or editor")
    ResponseEntity<Shared> share(@PathVariable("user_handle") String owner,
                                 @PathVariable("instance_handle") String handle, @JsonBody ShareBody body) {
        if (body.shareWithHandle().equals(owner)) {
            throw ApiException.badRequest("cannot share instance with owner");
        }
        long instanceId = existing(owner, handle, "instance " + owner + "/" + handle + " not found");
        commands.send(new ShareInstanceCommand(instanceId, body.shareWithHandle(), body.role()),
                InstanceIds.aggregateId(instanceId));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Shared(owner, handle,
                List.of(new Share(body.shareWithHandle(), body.role()))));
    }

    @DeleteMapping("/{instance_handle}/share/{unshare_with_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Access removed")
    @Operation(summary = "Remove a user's access to an LLM service instance")
    ResponseEntity<Void> unshare(@PathVariable("user_handle") String owner,
                                 @PathVariable("instance_handle") String handle,
                                 @PathVariable("unshare_with_handle") String userHandle) {
        long instanceId = existing(owner, handle, "instance " + owner + "/" + handle + " not found");
        commands.send(new UnshareInstanceCommand(instanceId, userHandle), InstanceIds.aggregateId(instanceId));
        return ResponseEntity.noContent().build();
    }

    private Saved save(String owner, String handle, InstanceSpec spec, SealedSecret key, Long expectedVersion) {
        long instanceId = instances.instanceIdOf(owner, handle).orElseGet(instances::allocateInstanceId);
        long saved = commands.send(new SaveInstanceCommand(instanceId, owner, handle, spec, key, expectedVersion),
                InstanceIds.aggregateId(instanceId));
        return new Saved(owner, handle, saved);
    }

    private SealedSecret sealed(String owner, InstanceBody body) {
        return body.apiKey() == null || body.apiKey().isEmpty() ? null
                : secrets.seal("instance:" + owner + "/" + body.instanceHandle(), body.apiKey());
    }

    private static InstanceSpec specOf(InstanceBody body, Long definitionId) {
        return new InstanceSpec(definitionId, orEmpty(body.endpoint()), orEmpty(body.description()),
                body.apiStandard() == null || body.apiStandard().isEmpty() ? DEFAULT_STANDARD : body.apiStandard(),
                orEmpty(body.model()), body.dimensions(), body.contextLimit() == null ? 0 : body.contextLimit());
    }

    /** The body's values, with empty ones taken from the definition. */
    private static InstanceSpec specOf(InstanceBody body, long definitionId, DefinitionSpec definition) {
        return new InstanceSpec(definitionId, or(body.endpoint(), definition.endpoint()),
                or(body.description(), definition.description()), or(body.apiStandard(), definition.apiStandard()),
                or(body.model(), definition.model()),
                body.dimensions() != null ? body.dimensions() : definition.dimensions(),
                body.contextLimit() != null && body.contextLimit() != 0 ? body.contextLimit()
                        : definition.contextLimit());
    }

    private static ResponseEntity<Saved> created(Saved saved) {
        return ResponseEntity.status(HttpStatus.CREATED).body(saved);
    }

    private long existing(String owner, String handle, String notFound) {
        return instances.instanceIdOf(owner, handle).orElseThrow(() -> ApiException.notFound(notFound));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
