package io.embapi.query.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One LLM service definition as {@code GET …/{definition_handle}} shows it (the reference's DefinitionFull). */
@Schema(name = "DefinitionView")
public record DefinitionView(
        @JsonProperty("definition_id") long definitionId,
        @JsonProperty("definition_handle") String definitionHandle,
        String owner,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String endpoint,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonProperty("api_standard") String apiStandard,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String model,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int dimensions,
        @JsonProperty("context_limit") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int contextLimit,
        @JsonProperty("is_public") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isPublic) {
}
