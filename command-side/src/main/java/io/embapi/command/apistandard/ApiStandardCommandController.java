package io.embapi.command.apistandard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.RequestBodies;
import io.embapi.shared.apistandard.ApiStandardDefinition;
import io.embapi.shared.apistandard.ApiStandardIds;
import io.embapi.shared.apistandard.DeleteApiStandardCommand;
import io.embapi.shared.apistandard.DescribeApiStandardCommand;
import io.embapi.shared.apistandard.SaveApiStandardCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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

/** Admin writes to API standards, each one command on the {@link ApiStandard} aggregate. */
@RestController
@RequestMapping("/v1/api-standards")
@Tag(name = "api-standards")
class ApiStandardCommandController {

    private final CommandDispatcher commands;
    private final RequestBodies bodies;

    ApiStandardCommandController(CommandDispatcher commands, RequestBodies bodies) {
        this.commands = commands;
        this.bodies = bodies;
    }

    /** The answer to saving a standard. */
    @Schema(name = "UploadAPIStandardResponseBody")
    record Saved(@JsonProperty("api_standard_handle") String apiStandardHandle) {
    }

    @PutMapping("/{api_standard_handle}")
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an API standard")
    ResponseEntity<Saved> put(@PathVariable("api_standard_handle") String handle, @JsonBody ApiStandardBody body) {
        if (!handle.equals(body.apiStandardHandle())) {
            throw ApiException.badRequest("API standard handle in URL (" + handle
                    + ") does not match handle in body (" + body.apiStandardHandle() + ").");
        }
        return save(body, null);
    }

    @PostMapping
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace an API standard (handle from the body)")
    ResponseEntity<Saved> post(@JsonBody ApiStandardBody body) {
        return save(body, null);
    }

    @PatchMapping(path = "/{api_standard_handle}", consumes = {"application/merge-patch+json", "application/json"})
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Patched")
    @Operation(summary = "Patch an API standard (JSON Merge Patch, RFC 7396)")
    ResponseEntity<Saved> patch(@PathVariable("api_standard_handle") String handle, @JsonBody JsonNode patch) {
        ApiStandardDescription current;
        try {
            current = commands.ask(new DescribeApiStandardCommand(handle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("API standard " + handle + " not found");
        }
        ApiStandardDefinition d = current.definition();
        return save(bodies.patched(new ApiStandardBody(handle, d.description(), d.keyMethod(), d.keyField()), patch,
                "api_standard_handle", handle, "API standard", ApiStandardBody.class), current.version());
    }

    @DeleteMapping("/{api_standard_handle}")
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete an API standard", description = "Refused while a definition uses it.")
    ResponseEntity<Void> delete(@PathVariable("api_standard_handle") String handle) {
        try {
            commands.send(new DeleteApiStandardCommand(handle), ApiStandardIds.aggregateId(handle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("API standard " + handle + " not found");
        }
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Saved> save(ApiStandardBody body, Long expectedVersion) {
        commands.send(new SaveApiStandardCommand(body.apiStandardHandle(),
                new ApiStandardDefinition(body.description(), body.keyMethod(), body.keyField()), expectedVersion),
                ApiStandardIds.aggregateId(body.apiStandardHandle()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Saved(body.apiStandardHandle()));
    }
}
