package io.embapi.query.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One project as {@code GET /v1/projects/{user_handle}/{project_handle}} shows it (the reference's
 * {@code ProjectFull}). {@code shared_with} appears for the owner only: {@code "*"} first when the project is public,
 * then every member with its role, the owner included.
 */
@Schema(name = "ProjectFull")
public record ProjectView(
        @JsonProperty("project_id") long projectId,
        @JsonProperty("project_handle") String projectHandle,
        String owner,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonProperty("metadataScheme") @JsonInclude(JsonInclude.Include.NON_EMPTY) String metadataScheme,
        @JsonProperty("public_read") boolean publicRead,
        @JsonProperty("shared_with") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SharedUser> sharedWith,
        @JsonInclude(JsonInclude.Include.NON_NULL) InstanceLink instance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String role,
        @JsonProperty("number_of_embeddings") long numberOfEmbeddings) {

    /** A user the project is shared with ({@code "*"} stands for everyone when the project is public). */
    public record SharedUser(@JsonProperty("user_handle") String userHandle, String role) {
    }

    /** The LLM service instance the project uses (the reference's {@code InstanceBrief}). */
    public record InstanceLink(
            String owner,
            @JsonProperty("instance_handle") String instanceHandle,
            @JsonProperty("instance_id") Long instanceId,
            @JsonProperty("access_role") @JsonInclude(JsonInclude.Include.NON_EMPTY) String accessRole,
            @JsonProperty("number_of_projects") long numberOfProjects,
            @JsonProperty("number_of_shared_users") long numberOfSharedUsers) {
    }
}
