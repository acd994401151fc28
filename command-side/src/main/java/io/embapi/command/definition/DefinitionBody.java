package io.embapi.command.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of PUT/POST of an LLM service definition (the reference's {@code DefinitionFull}). */
@Schema(name = "DefinitionFull")
@JsonInclude(JsonInclude.Include.NON_NULL)
record DefinitionBody(
        @JsonProperty("definition_id")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        Long definitionId,

        @JsonProperty("definition_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String definitionHandle,

        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "the path user is the owner")
        String owner,

        @Schema(maxLength = 2000)
        @Size(max = 2000)
        String endpoint,

        @Schema(maxLength = 1000)
        @Size(max = 1000)
        String description,

        @JsonProperty("api_standard")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 20)
        @Size(min = 1, max = Handles.MAX_LENGTH)
        String apiStandard,

        @Schema(maxLength = 200)
        @Size(max = 200)
        String model,

        @Schema(minimum = "0", maximum = "4000", description = "vector size the model produces")
        @Min(0) @Max(4000)
        Integer dimensions,

        @JsonProperty("context_limit")
        @Schema(minimum = "0")
        @Min(0)
        Integer contextLimit,

        @JsonProperty("is_public")
        Boolean isPublic) {
}
