package io.embapi.command.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to creating, updating or re-keying a user (the reference's {@code UserResponse}).
 *
 * @param userHandle the user's handle
 * @param embapiKey  the new key in clear (shown this once only), or {@code "not changed"} after an update
 */
@Schema(name = "UserResponse")
record UserKeyResponse(
        @JsonProperty("user_handle") String userHandle,
        @JsonProperty("embapi_key") String embapiKey) {

    static final String NOT_CHANGED = "not changed";
}
