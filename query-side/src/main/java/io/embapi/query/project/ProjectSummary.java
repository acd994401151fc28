package io.embapi.query.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A project in a list (the reference's {@code ProjectBrief}), with the caller's role. */
@Schema(name = "ProjectBrief")
public record ProjectSummary(
        String owner,
        @JsonProperty("project_handle") String projectHandle,
        @JsonProperty("project_id") long projectId,
        @JsonProperty("public_read") boolean publicRead,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String role,
        @JsonProperty("number_of_embeddings") long numberOfEmbeddings) {
}
