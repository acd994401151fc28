package io.embapi.command.project;

import io.embapi.command.metadata.MetadataSchemas;
import io.embapi.command.user.UserDirectory;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.RequestBodies;
import io.embapi.shared.project.DeleteProjectCommand;
import io.embapi.shared.project.DescribeProjectCommand;
import io.embapi.shared.project.InstanceRef;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.project.ProjectSettings;
import io.embapi.shared.project.ProjectShare;
import io.embapi.shared.project.SaveProjectCommand;
import io.embapi.shared.project.ShareProjectCommand;
import io.embapi.shared.project.TransferProjectOwnershipCommand;
import io.embapi.shared.project.UnshareProjectCommand;
import io.embapi.shared.user.SystemUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * Writes to projects, each one command on the {@link Project} aggregate. The controller resolves
 * {@code owner/handle} to the project's id and keeps the reference's order of checks; the rules themselves live in
 * the aggregate.
 */
@RestController
@RequestMapping("/v1/projects/{user_handle}")
@Tag(name = "projects")
class ProjectCommandController {

    private final CommandDispatcher commands;
    private final ProjectDirectory projects;
    private final UserDirectory users;
    private final MetadataSchemas schemas;
    private final RequestBodies bodies;

    ProjectCommandController(CommandDispatcher commands, ProjectDirectory projects, UserDirectory users,
                             MetadataSchemas schemas, RequestBodies bodies) {
        this.commands = commands;
        this.projects = projects;
        this.users = users;
        this.schemas = schemas;
        this.bodies = bodies;
    }

    @PutMapping("/{project_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace a project", description = "Settings are replaced as a whole (absent "
            + "public_read means false); listed shares are added or re-roled, others are kept.")
    ResponseEntity<ProjectResponses.Saved> put(@PathVariable("user_handle") String owner,
                                               @PathVariable("project_handle") String projectHandle,
                                               @JsonBody ProjectBody body) {
        SystemUser.ensureNotSystem(owner);
        if (!projectHandle.equals(body.projectHandle())) {
            throw ApiException.badRequest("project handle in URL (" + projectHandle
                    + ") does not match project handle in body (" + body.projectHandle() + ")");
        }
        return save(owner, body, null);
    }

    @PostMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Created or replaced")
    @Operation(summary = "Create or replace a project (handle from the body)")
    ResponseEntity<ProjectResponses.Saved> post(@PathVariable("user_handle") String owner,
                                                @JsonBody ProjectBody body) {
        SystemUser.ensureNotSystem(owner);
        return save(owner, body, null);
    }

    @PatchMapping(path = "/{project_handle}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Patched")
    @Operation(summary = "Patch a project (JSON Merge Patch, RFC 7396)", description = "Applied to the stored "
            + "submission, then validated and saved exactly like PUT. The handle cannot be changed.")
    ResponseEntity<ProjectResponses.Saved> patch(@PathVariable("user_handle") String owner,
                                                 @PathVariable("project_handle") String projectHandle,
                                                 @JsonBody JsonNode patch) {
        SystemUser.ensureNotSystem(owner);
        long projectId = existing(owner, projectHandle, "user " + owner + "'s project " + projectHandle
                + " not found");
        ProjectDescription current = commands.ask(new DescribeProjectCommand(projectId));
        ProjectBody body = bodies.patched(submissionOf(current), patch, "project_handle", projectHandle, "project",
                ProjectBody.class);
        return save(owner, body, current.version());
    }

    @DeleteMapping("/{project_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete a project", description = "Removes it, its shares and its embeddings from every "
            + "read model; its history stays.")
    ResponseEntity<Void> delete(@PathVariable("user_handle") String owner,
                                @PathVariable("project_handle") String projectHandle) {
        SystemUser.ensureNotSystem(owner);
        users.ensureExists(owner);
        long projectId = existing(owner, projectHandle, "user " + owner + "'s project " + projectHandle
                + " not found");
        commands.send(new DeleteProjectCommand(projectId), ProjectIds.aggregateId(projectId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{project_handle}/share")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "201", description = "Shared")
    @Operation(summary = "Share a project as reader or editor", description = "Re-sharing changes the role.")
    ResponseEntity<ProjectResponses.Shared> share(@PathVariable("user_handle") String owner,
                                                  @PathVariable("project_handle") String projectHandle,
                                                  @JsonBody ShareBody body) {
        if (body.shareWithHandle().equals(owner)) {
            throw ApiException.badRequest("cannot share project with owner");
        }
        long projectId = existing(owner, projectHandle, "project " + owner + "/" + projectHandle + " not found");
        commands.send(new ShareProjectCommand(projectId, body.shareWithHandle(), body.role()),
                ProjectIds.aggregateId(projectId));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ProjectResponses.Shared(owner, projectHandle,
                projectId, body.shareWithHandle(), body.role()));
    }

    @DeleteMapping("/{project_handle}/share/{unshare_with_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @ApiResponse(responseCode = "204", description = "Access removed")
    @Operation(summary = "Remove a user's access to a project")
    ResponseEntity<Void> unshare(@PathVariable("user_handle") String owner,
                                 @PathVariable("project_handle") String projectHandle,
                                 @PathVariable("unshare_with_handle") String userHandle) {
        long projectId = existing(owner, projectHandle, "project " + owner + "/" + projectHandle + " not found");
        commands.send(new UnshareProjectCommand(projectId, userHandle), ProjectIds.aggregateId(projectId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{project_handle}/transfer-ownership")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "Transfer a project to another user", description = "The project keeps its id, history, "
            + "embeddings and shares; the previous owner loses access.")
    ProjectResponses.Transferred transfer(@PathVariable("user_handle") String owner,
                                          @PathVariable("project_handle") String projectHandle,
                                          @JsonBody TransferBody body) {
        if (body.newOwnerHandle().equals(owner)) {
            throw ApiException.badRequest("new owner must be different from current owner");
        }
        long projectId = existing(owner, projectHandle, "project " + owner + "/" + projectHandle + " not found");
        commands.send(new TransferProjectOwnershipCommand(projectId, body.newOwnerHandle()),
                ProjectIds.aggregateId(projectId));
        return new ProjectResponses.Transferred(projectId, projectHandle, owner, body.newOwnerHandle());
    }

    private ResponseEntity<ProjectResponses.Saved> save(String owner, ProjectBody body, Long expectedVersion) {
        String scheme = body.metadataScheme() == null || body.metadataScheme().isEmpty() ? null
                : body.metadataScheme();
        if (scheme != null) {
            schemas.problemWith(scheme).ifPresent(problem -> {
                throw ApiException.badRequest("metadataScheme is not a valid JSON Schema: " + problem);
            });
        }
        InstanceRef instance = body.instanceHandle() == null || body.instanceHandle().isEmpty() ? null
                : new InstanceRef(body.instanceOwner() == null || body.instanceOwner().isEmpty() ? owner
                : body.instanceOwner(), body.instanceHandle());
        ProjectSettings settings = new ProjectSettings(body.description() == null ? "" : body.description(), scheme,
                instance, Boolean.TRUE.equals(body.publicRead()));
        List<ProjectShare> shares = body.sharedWith() == null ? List.of() : body.sharedWith().stream()
                .map(s -> new ProjectShare(s.userHandle(), s.role())).toList();
        long projectId = projects.projectIdOf(owner, body.projectHandle())
                .orElseGet(projects::allocateProjectId);
        SaveProjectResult result = commands.send(new SaveProjectCommand(projectId, owner, body.projectHandle(),
                settings, shares, expectedVersion), ProjectIds.aggregateId(projectId));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ProjectResponses.Saved(owner, body.projectHandle(),
                result.projectId(), result.publicRead(), "owner", projects.embeddingCount(result.projectId())));
    }

    private static ProjectBody submissionOf(ProjectDescription current) {
        ProjectSettings settings = current.settings();
        InstanceRef instance = settings.instance();
        return new ProjectBody(current.projectHandle(), settings.description(), settings.metadataScheme(),
                instance == null ? null : instance.owner(), instance == null ? null : instance.handle(),
                settings.publicRead(), null);
    }

    private long existing(String owner, String projectHandle, String notFound) {
        return projects.projectIdOf(owner, projectHandle).orElseThrow(() -> ApiException.notFound(notFound));
    }
}
