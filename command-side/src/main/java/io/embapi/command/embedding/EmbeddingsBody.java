package io.embapi.command.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/embeddings/{user_handle}/{project_handle}}: a batch, stored all or nothing. */
@Schema(name = "EmbeddingsUpload")
record EmbeddingsBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        List<@Valid Item> embeddings) {

    /** One embedding of the batch (the reference's {@code EmbeddingsInput}). */
    @Schema(name = "EmbeddingsInput")
    record Item(
            @JsonProperty("text_id")
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 300,
                    description = "the document's id, stored verbatim; URL ids are usually sent escaped")
            @Size(max = 300)
            String textId,

            @JsonProperty("user_handle") @Schema(description = "ignored; the path decides") String userHandle,
            @JsonProperty("project_handle") @Schema(description = "ignored") String projectHandle,
            @JsonProperty("project_id") @Schema(description = "ignored") Long projectId,
            @JsonProperty("instance_owner") @Schema(description = "ignored") String instanceOwner,

            @JsonProperty("instance_handle")
            @Schema(description = "must be the project's LLM service instance")
            String instanceHandle,

            @Schema(description = "the text; empty keeps a stored one")
            String text,

            @Schema(description = "the vector (float32); its length must equal vector_dim and the instance's "
                    + "dimensions")
            List<Float> vector,

            @JsonProperty("vector_dim")
            Integer vectorDim,

            @Schema(description = "merged into stored metadata (null values remove keys); absent keeps it; checked "
                    + "against the project's metadataScheme")
            Map<String, Object> metadata) {
    }
}
