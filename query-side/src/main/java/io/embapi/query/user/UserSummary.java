package io.embapi.query.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /v1/users}: the handle, the name (omitted when empty) and what the user owns. */
public record UserSummary(
        @JsonProperty("user_handle") String userHandle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("number_of_projects") int numberOfProjects,
        @JsonProperty("number_of_definitions") int numberOfDefinitions,
        @JsonProperty("number_of_instances") int numberOfInstances) {
}
