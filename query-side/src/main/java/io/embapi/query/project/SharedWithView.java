package io.embapi.query.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The users a project is shared with, the owner excluded ({@code GET …/shared-with}). */
@Schema(name = "GetProjectSharedUsersResponseBody")
public record SharedWithView(
        String owner,
        @JsonProperty("project_handle") String projectHandle,
        @JsonProperty("shared_with") List<ProjectView.SharedUser> sharedWith) {
}
