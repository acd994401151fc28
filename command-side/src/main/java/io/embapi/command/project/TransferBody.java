package io.embapi.command.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/projects/{user_handle}/{project_handle}/transfer-ownership}. */
@Schema(name = "TransferOwnershipRequest")
record TransferBody(
        @JsonProperty("new_owner_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String newOwnerHandle) {
}
