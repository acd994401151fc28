package io.embapi.command.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.command.project.ProjectCatalog;
import io.embapi.command.user.UserDirectory;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.shared.embedding.DeleteAllEmbeddingsCommand;
import io.embapi.shared.embedding.DeleteEmbeddingCommand;
import io.embapi.shared.embedding.EmbeddingBatchIds;
import io.embapi.shared.embedding.EmbeddingInput;
import io.embapi.shared.embedding.TextIds;
import io.embapi.shared.embedding.UpsertEmbeddingsCommand;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.user.SystemUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes of embeddings: an upload batch becomes one {@link UpsertEmbeddingsCommand} (accepted all or nothing by
 * {@link EmbeddingIngestion}); deletions are recorded on the project's stream.
 */
@RestController
@RequestMapping("/v1/embeddings/{user_handle}/{project_handle}")
@Tag(name = "embeddings")
class EmbeddingCommandController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommandDispatcher commands;
    private final UserDirectory users;
    private final ProjectCatalog projects;
    private final EmbeddingRegistry embeddings;

    EmbeddingCommandController(CommandDispatcher commands, UserDirectory users, ProjectCatalog projects,
                               EmbeddingRegistry embeddings) {
        this.commands = commands;
        this.users = users;
        this.projects = projects;
        this.embeddings = embeddings;
    }

    /** The answer to an upload: the ids in the order sent. */
    @Schema(name = "UploadProjEmbeddingsResponseBody")
    record Uploaded(@JsonProperty("ids") List<String> ids) {
    }

    @PostMapping
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.EDITOR})
    @ApiResponse(responseCode = "201", description = "Stored (created or replaced), all of the batch")
    @Operation(summary = "Upload a batch of embeddings", description = "All or nothing: if any item fails its "
            + "checks, nothing of the batch is stored. The answer comes once reads see the batch.")
    ResponseEntity<Uploaded> upload(@PathVariable("user_handle") String owner,
                                    @PathVariable("project_handle") String projectHandle,
                                    @JsonBody EmbeddingsBody body) {
        SystemUser.ensureNotSystem(owner);
        if (!users.exists(owner)) {
            throw ApiException.notFound("User " + owner + " does not exist: no rows in result set");
        }
        long projectId = projects.find(owner, projectHandle).orElseThrow(() -> ApiException.notFound(
                "Project " + owner + "/" + projectHandle + " not found: no rows in result set"));
        List<EmbeddingInput> items = body.embeddings().stream().map(EmbeddingCommandController::input).toList();
        String batchId = UUID.randomUUID().toString();
        List<String> ids = commands.send(new UpsertEmbeddingsCommand(batchId, projectId, items),
                EmbeddingBatchIds.streamId(batchId));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Uploaded(ids));
    }

    @DeleteMapping("/{text_id}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.EDITOR})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete one embedding", description = "The id is looked up as Go's url.QueryEscape of the "
            + "decoded path segment, as the reference does.")
    ResponseEntity<Void> delete(@PathVariable("user_handle") String owner,
                                @PathVariable("project_handle") String projectHandle,
                                @PathVariable("text_id") String textId) {
        long projectId = existingProject(owner, projectHandle);
        String escaped = TextIds.queryEscape(textId);
        if (!embeddings.exists(projectId, escaped)) {
            throw ApiException.notFound("no embeddings found for user " + owner + ", project " + projectHandle
                    + ", id " + escaped + ".");
        }
        commands.send(new DeleteEmbeddingCommand(projectId, escaped), ProjectIds.aggregateId(projectId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.EDITOR})
    @ApiResponse(responseCode = "204", description = "All deleted")
    @Operation(summary = "Delete every embedding of a project")
    ResponseEntity<Void> deleteAll(@PathVariable("user_handle") String owner,
                                   @PathVariable("project_handle") String projectHandle) {
        long projectId = existingProject(owner, projectHandle);
        commands.send(new DeleteAllEmbeddingsCommand(projectId), ProjectIds.aggregateId(projectId));
        return ResponseEntity.noContent().build();
    }

    private long existingProject(String owner, String projectHandle) {
        SystemUser.ensureNotSystem(owner);
        users.ensureExists(owner);
        return projects.find(owner, projectHandle).orElseThrow(() ->
                ApiException.notFound(owner + "'s project " + projectHandle + " not found"));
    }

    private static EmbeddingInput input(EmbeddingsBody.Item item) {
        float[] vector = new float[item.vector() == null ? 0 : item.vector().size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = item.vector().get(i);
        }
        String metadata = item.metadata() == null ? null : JSON.writeValueAsString(item.metadata());
        return new EmbeddingInput(item.textId(), item.instanceHandle(), item.text(), vector, item.vectorDim(),
                metadata);
    }
}
