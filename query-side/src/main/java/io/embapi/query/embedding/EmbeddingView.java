package io.embapi.query.embedding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One stored embedding as the API shows it (the reference's {@code Embeddings}); the vector comes back in the half
 * precision it is stored and searched in.
 */
@Schema(name = "Embeddings")
public record EmbeddingView(
        @JsonProperty("text_id") String textId,
        @JsonProperty("user_handle") String userHandle,
        @JsonProperty("project_handle") String projectHandle,
        @JsonProperty("project_id") long projectId,
        @JsonProperty("instance_handle") String instanceHandle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String text,
        float[] vector,
        @JsonProperty("vector_dim") int vectorDim,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> metadata) {
}
