package io.embapi.query.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One user as {@code GET /v1/users/{user_handle}} shows it (the reference's {@code User} model).
 *
 * @param userHandle the handle
 * @param name       display name, omitted when empty
 * @param email      e-mail address
 * @param embapiKey  the stored SHA-256 hash of the user's key (never the key itself), as the reference returns it
 * @param projects   the user's project memberships, omitted when empty
 * @param instances  the user's LLM instances, omitted when empty
 */
@Schema(name = "UserDetails")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UserDetails(
        @JsonProperty("user_handle") String userHandle,
        String name,
        String email,
        @JsonProperty("embapi_key") String embapiKey,
        List<ProjectMembership> projects,
        List<InstanceMembership> instances) {

    /** A project the user owns or was given access to. */
    public record ProjectMembership(@JsonProperty("project_handle") String projectHandle, String owner, String role) {
    }

    /** An LLM service instance the user owns or was given access to. */
    public record InstanceMembership(@JsonProperty("instance_handle") String instanceHandle, String owner,
                                     String role) {
    }
}
