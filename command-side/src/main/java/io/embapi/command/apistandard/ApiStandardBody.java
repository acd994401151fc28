package io.embapi.command.apistandard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.web.OneOf;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /v1/api-standards/{h}} and {@code POST /v1/api-standards} (the reference's model). */
@Schema(name = "APIStandard")
record ApiStandardBody(
        @JsonProperty("api_standard_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String apiStandardHandle,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 1000)
        @Size(max = 1000)
        String description,

        @JsonProperty("key_method")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"auth_bearer", "body_form", "query_param", "custom_header"})
        @OneOf({"auth_bearer", "body_form", "query_param", "custom_header"})
        String keyMethod,

        @JsonProperty("key_field")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
                description = "The header or field that carries the provider key")
        @Size(max = 200)
        String keyField) {
}
