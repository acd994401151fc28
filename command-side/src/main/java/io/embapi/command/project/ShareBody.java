package io.embapi.command.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.web.OneOf;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/projects/{user_handle}/{project_handle}/share}. */
@Schema(name = "ShareProjectRequest")
record ShareBody(
        @JsonProperty("share_with_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String shareWithHandle,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"reader", "editor"})
        @OneOf({"reader", "editor"})
        String role) {
}
