package io.embapi.command.instance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.shared.Handles;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of PUT/POST of an instance and of from-definition (the reference's {@code InstanceInput}). */
@Schema(name = "InstanceInput")
@JsonInclude(JsonInclude.Include.NON_NULL)
record InstanceBody(
        @JsonProperty("user_handle")
        @Schema(description = "from-definition only: must equal the path user")
        @Size(max = Handles.MAX_LENGTH)
        String userHandle,

        @JsonProperty("instance_handle")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 20, pattern = Handles.PATTERN)
        @Size(min = Handles.MIN_LENGTH, max = Handles.MAX_LENGTH) @Pattern(regexp = Handles.PATTERN)
        String instanceHandle,

        @JsonProperty("instance_id")
        @Schema(description = "ignored")
        Long instanceId,

        @JsonProperty("definition_owner")
        @Schema(description = "from-definition: owner of the definition")
        @Size(max = Handles.MAX_LENGTH)
        String definitionOwner,

        @JsonProperty("definition_handle")
        @Schema(description = "from-definition: handle of the definition")
        @Size(max = Handles.MAX_LENGTH)
        String definitionHandle,

        @Schema(maxLength = 2000)
        @Size(max = 2000)
        String endpoint,

        @Schema(maxLength = 1000)
        @Size(max = 1000)
        String description,

        @JsonProperty("api_standard")
        @Schema(description = "defaults to openai", maxLength = 20)
        @Size(max = Handles.MAX_LENGTH)
        String apiStandard,

        @Schema(maxLength = 200)
        @Size(max = 200)
        String model,

        @Schema(minimum = "1", maximum = "4000", description = "vector size of every project linked to the instance")
        @Min(1) @Max(4000)
        Integer dimensions,

        @JsonProperty("context_limit")
        @Schema(minimum = "0")
        @Min(0)
        Integer contextLimit,

        @JsonProperty("api_key")
        @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, maxLength = 4096,
                description = "the provider's key; stored encrypted, never returned; omitted on PUT removes it")
        @Size(max = 4096)
        String apiKey) {
}
