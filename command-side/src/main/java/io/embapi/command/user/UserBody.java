package io.embapi.command.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code PUT /v1/users/{user_handle}} and {@code POST /v1/users} (the reference's {@code User} model).
 * The read-only fields are accepted and ignored, so a GET response can be sent back.
 */
@Schema(name = "User")
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserBody(
        @JsonProperty("user_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN,
                example = "alice")
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String userHandle,

        @Schema(maxLength = 50, example = "Alice Doe")
        @Size(max = 50)
        String name,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 5, maxLength = 100, format = "email",
                example = "alice@example.org")
        @Size(min = 5, max = 100) @Email
        String email,

        @JsonProperty("embapi_key")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "ignored on input")
        String embapiKey,

        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "ignored on input")
        List<Object> projects,

        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "ignored on input")
        List<Object> instances) {
}
