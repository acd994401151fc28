package io.embapi.command.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.command.user.UserDirectory;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.RequestBodies;
import io.embapi.shared.Handles;
import io.embapi.shared.definition.DefinitionIds;
import io.embapi.shared.definition.DefinitionSpec;
import io.embapi.shared.definition.DeleteDefinitionCommand;
import io.embapi.shared.definition.DescribeDefinitionCommand;
import io.embapi.shared.definition.SaveDefinitionCommand;
import io.embapi.shared.definition.ShareDefinitionCommand;
import io.embapi.shared.definition.UnshareDefinitionCommand;
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

/** Writes to LLM service definitions, each one command on the {@link LlmDefinition} aggregate. */
@RestController
@RequestMapping("/v1/llm-definitions/{user_handle}")
@Tag(name = "llm-services")
class DefinitionCommandController {

    private final CommandDispatcher commands;
    private final DefinitionDirectory definitions;
    private final UserDirectory users;
    private final RequestBodies bodies;

    DefinitionCommandController(CommandDispatcher commands, DefinitionDirectory definitions, UserDirectory users,
                                RequestBodies bodies) {
        this.commands = commands;
        this.definitions = definitions;
        this.users = users;
        this.bodies = bodies;
    }

    /** The answer to saving a definition (the reference's {@code DefinitionBrief}). */
    @Schema(name = "DefinitionBrief")
    record Saved(@JsonProperty("definition_id") long definitionId,
                 @JsonProperty("definition_handle") String definitionHandle,
                 String owner,
                 @JsonProperty("is_public") boolean isPublic,
                 @JsonProperty("number_of_instances") long numberOfInstances) {
    }

    /** The body of a share request. */
    @Schema(name = "ShareDefinitionRequest")
    record ShareBody(
            @JsonProperty("share_with_handle")
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20,
                    pattern = Handles.PATTERN)
            @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
            String shareWithHandle) {
    }

    /** The answer to sharing a definition. */
    @Schema(name = "ShareDefinitionResponseBody")
    record Shared(String owner, @JsonProperty("definition_handle") String definitionHandle,
                  @JsonProperty("shared_with") List<String> sharedWith) {
    }

    @PutMapping("/{definition_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an LLM service definition")
    ResponseEntity<Saved> put(@PathVariable("user_handle") String owner,
                              @PathVariable("definition_handle") String handle, @JsonBody DefinitionBody body) {
        SystemUser.ensureNotSystem(owner);
        if (!handle.equals(body.definitionHandle())) {
            throw ApiException.badRequest("definition handle in URL (\"" + handle
                    + "\") does not match definition handle in body (\"" + body.definitionHandle() + "\")");
        }
        return save(owner, body, null);
    }

    @PostMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an LLM service definition (handle from the body)")
    ResponseEntity<Saved> post(@PathVariable("user_handle") String owner, @JsonBody DefinitionBody body) {
        SystemUser.ensureNotSystem(owner);
        return save(owner, body, null);
    }

    @PatchMapping(path = "/{definition_handle}", consumes = {"application/merge-patch+json", "application/json"})
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Patched")
    @Operation(summary = "Patch an LLM service definition (JSON Merge Patch, RFC 7396)")
    ResponseEntity<Saved> patch(@PathVariable("user_handle") String owner,
                                @PathVariable("definition_handle") String handle, @JsonBody JsonNode patch) {
        SystemUser.ensureNotSystem(owner);
        long definitionId = existing(owner, handle);
        DefinitionDescription current = commands.ask(new DescribeDefinitionCommand(definitionId));
        DefinitionSpec s = current.spec();
        DefinitionBody body = bodies.patched(new DefinitionBody(null, handle, null, s.endpoint(), s.description(),
                s.apiStandard(), s.model(), s.dimensions(), s.contextLimit(), s.isPublic()), patch,
                "definition_handle", handle, "definition", DefinitionBody.class);
        return save(owner, body, current.version());
    }

    @DeleteMapping("/{definition_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete an LLM service definition", description = "Instances made from it keep their "
            + "settings.")
    ResponseEntity<Void> delete(@PathVariable("user_handle") String owner,
                                @PathVariable("definition_handle") String handle) {
        SystemUser.ensureNotSystem(owner);
        users.ensureExists(owner);
        long definitionId = existing(owner, handle);
        commands.send(new DeleteDefinitionCommand(definitionId), DefinitionIds.aggregateId(definitionId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{definition_handle}/share")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Shared")
    @Operation(summary = "Share an LLM service definition with a user")
    ResponseEntity<Shared> share(@PathVariable("user_handle") String owner,
                                 @PathVariable("definition_handle") String handle, @JsonBody ShareBody body) {
        SystemUser.ensureNotSystem(owner);
        long definitionId = existing(owner, handle);
        commands.send(new ShareDefinitionCommand(definitionId, body.shareWithHandle()),
                DefinitionIds.aggregateId(definitionId));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Shared(owner, handle, List.of(body.shareWithHandle())));
    }

    @DeleteMapping("/{definition_handle}/share/{unshare_with_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Access removed (also when there was none)")
    @Operation(summary = "Remove a user's access to an LLM service definition")
    ResponseEntity<Void> unshare(@PathVariable("user_handle") String owner,
                                 @PathVariable("definition_handle") String handle,
                                 @PathVariable("unshare_with_handle") String userHandle) {
        SystemUser.ensureNotSystem(owner);
        long definitionId = existing(owner, handle);
        commands.send(new UnshareDefinitionCommand(definitionId, userHandle), DefinitionIds.aggregateId(definitionId));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Saved> save(String owner, DefinitionBody body, Long expectedVersion) {
        DefinitionSpec spec = new DefinitionSpec(orEmpty(body.endpoint()), orEmpty(body.description()),
                body.apiStandard(), orEmpty(body.model()), knownOrNull(body.dimensions()),
                body.contextLimit() == null ? 0 : body.contextLimit(), Boolean.TRUE.equals(body.isPublic()));
        long definitionId = definitions.definitionIdOf(owner, body.definitionHandle())
                .orElseGet(definitions::allocateDefinitionId);
        SavedDefinition saved = commands.send(new SaveDefinitionCommand(definitionId, owner, body.definitionHandle(),
                spec, expectedVersion), DefinitionIds.aggregateId(definitionId));
        // Instances made from definitions arrive with the instances slice.
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Saved(saved.definitionId(), body.definitionHandle(), owner, saved.isPublic(), 0));
    }

    private long existing(String owner, String handle) {
        return definitions.definitionIdOf(owner, handle)
                .orElseThrow(() -> ApiException.notFound("definition " + owner + "/" + handle + " not found"));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The API (like the reference) sends 0 for an unknown vector size; the events say null (DefinitionSpec). */
    private static Integer knownOrNull(Integer dimensions) {
        return dimensions == null || dimensions == 0 ? null : dimensions;
    }
}
