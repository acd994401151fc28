package io.embapi.command.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Answers of the project write endpoints, in the reference's shapes. */
final class ProjectResponses {

    private ProjectResponses() {
    }

    /** The answer to PUT/POST/PATCH of a project. */
    @Schema(name = "ProjectBrief")
    record Saved(
            String owner,
            @JsonProperty("project_handle") String projectHandle,
            @JsonProperty("project_id") long projectId,
            @JsonProperty("public_read") boolean publicRead,
            String role,
            @JsonProperty("number_of_embeddings") long numberOfEmbeddings) {
    }

    /** The answer to sharing a project. */
    @Schema(name = "ShareProjectResponseBody")
    record Shared(
            String owner,
            @JsonProperty("project_handle") String projectHandle,
            @JsonProperty("project_id") long projectId,
            @JsonProperty("shared_with_handle") String sharedWithHandle,
            @JsonProperty("shared_with_role") String sharedWithRole) {
    }

    /** The answer to an ownership transfer. */
    @Schema(name = "TransferOwnershipResponseBody")
    record Transferred(
            @JsonProperty("project_id") long projectId,
            @JsonProperty("project_handle") String projectHandle,
            @JsonProperty("old_owner") String oldOwner,
            @JsonProperty("new_owner") String newOwner) {
    }
}
