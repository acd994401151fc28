package io.embapi.query.apistandard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One API standard as the API shows it (the reference's {@code APIStandard}). */
@Schema(name = "APIStandardView")
public record ApiStandardView(
        @JsonProperty("api_standard_handle") String apiStandardHandle,
        String description,
        @JsonProperty("key_method") String keyMethod,
        @JsonProperty("key_field") String keyField) {
}
