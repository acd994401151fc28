package io.embapi.query.instance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One instance as {@code GET …/{instance_handle}} shows it (the reference's {@code InstanceFull}); the provider key
 * itself is never shown, {@code has_api_key} says whether one is stored.
 */
@Schema(name = "InstanceFull")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InstanceView(
        @JsonInclude(JsonInclude.Include.ALWAYS) String owner,
        @JsonProperty("instance_handle") @JsonInclude(JsonInclude.Include.ALWAYS) String instanceHandle,
        @JsonProperty("instance_id") @JsonInclude(JsonInclude.Include.ALWAYS) long instanceId,
        @JsonProperty("access_role") String accessRole,
        @JsonProperty("definition_id") Long definitionId,
        @JsonProperty("definition_owner") String definitionOwner,
        @JsonProperty("definition_handle") String definitionHandle,
        String endpoint,
        String description,
        @JsonProperty("has_api_key") @JsonInclude(JsonInclude.Include.ALWAYS) boolean hasApiKey,
        @JsonProperty("api_standard") String apiStandard,
        String model,
        Integer dimensions,
        @JsonProperty("context_limit") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int contextLimit) {
}
