package io.embapi.query.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The OpenAPI description of a metadata filter; the request is parsed and checked by {@link MetadataFilter}. */
@Schema(name = "SearchFilter", description = "Extension: restricts the candidates by their metadata. A row must "
        + "match every `must` condition and none of the `must_not` ones; rows without metadata match no `must` "
        + "condition.")
record SearchFilterDocumentation(
        @Schema(description = "conditions every result meets") List<Condition> must,
        @JsonProperty("must_not") @Schema(description = "conditions no result meets") List<Condition> mustNot) {

    @Schema(name = "SearchFilterCondition", description = "Exactly one of equals, in, exists.")
    record Condition(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/source/lang", description = "a JSON "
                    + "pointer (/a/b, ~1 for '/', ~0 for '~') or a dotted path (a.b) of object members")
            String key,
            @Schema(description = "the member's value equals this string, number or boolean (numbers compare "
                    + "numerically)", oneOf = {String.class, Double.class, Boolean.class})
            Object equals,
            @Schema(description = "the member's value is one of these (1..100) strings, numbers or booleans")
            List<Object> in,
            @Schema(description = "true: the member is present (a JSON null counts); false: it is absent")
            Boolean exists) {
    }
}
