package io.embapi.command.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PUT /v1/projects/{user_handle}/{project_handle}} and {@code POST /v1/projects/{user_handle}}. */
@Schema(name = "ProjectSubmission")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProjectBody(
        @JsonProperty("project_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String projectHandle,

        @Schema(maxLength = 255)
        @Size(max = 255)
        String description,

        @JsonProperty("metadataScheme")
        @Schema(description = "A JSON Schema (draft 2020-12 unless $schema says otherwise) serialised as a string; "
                + "every embedding's metadata must satisfy it. Empty means none.")
        @Size(max = 65536)
        String metadataScheme,

        @JsonProperty("instance_owner")
        @Schema(description = "Owner of the LLM service instance; defaults to the project owner", maxLength = 20)
        @Size(max = Handles.MAX_LENGTH)
        String instanceOwner,

        @JsonProperty("instance_handle")
        @Schema(description = "Handle of the LLM service instance; empty means none", maxLength = 20)
        @Size(max = Handles.MAX_LENGTH)
        String instanceHandle,

        @JsonProperty("public_read")
        @Schema(description = "Anonymous callers may read the project and its embeddings; absent means false")
        Boolean publicRead,

        @JsonProperty("shared_with")
        @Schema(description = "Users to share with (added or re-roled; existing shares not listed are kept)")
        List<@Valid SharedUser> sharedWith) {

    /** A share in a project submission. */
    @Schema(name = "SharedUser")
    record SharedUser(
            @JsonProperty("user_handle")
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20,
                    pattern = Handles.PATTERN)
            @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
            String userHandle,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"editor", "reader"})
            String role) {
    }
}
