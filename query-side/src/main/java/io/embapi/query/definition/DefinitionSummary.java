package io.embapi.query.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A definition in a list (the reference's {@code DefinitionBrief}). */
@Schema(name = "DefinitionSummary")
public record DefinitionSummary(
        @JsonProperty("definition_id") long definitionId,
        @JsonProperty("definition_handle") String definitionHandle,
        String owner,
        @JsonProperty("is_public") boolean isPublic,
        @JsonProperty("number_of_instances") long numberOfInstances) {
}
