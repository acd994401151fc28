package io.embapi.query.instance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** An instance in a list (the reference's {@code InstanceBrief}), with the user's role on it. */
@Schema(name = "InstanceBrief")
public record InstanceSummary(
        String owner,
        @JsonProperty("instance_handle") String instanceHandle,
        @JsonProperty("instance_id") long instanceId,
        @JsonProperty("access_role") @JsonInclude(JsonInclude.Include.NON_EMPTY) String accessRole,
        @JsonProperty("number_of_projects") long numberOfProjects,
        @JsonProperty("number_of_shared_users") long numberOfSharedUsers) {
}
