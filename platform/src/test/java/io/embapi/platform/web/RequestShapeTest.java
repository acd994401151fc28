package io.embapi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Item(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id, Integer count) {
    }

    record Body(
            @JsonProperty("key_method") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String keyMethod,
            @JsonProperty("key_field") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String keyField,
            String description,
            @Schema(accessMode = Schema.AccessMode.READ_ONLY) String computed,
            List<Item> items,
            Boolean flag) {
    }

    private static List<ValidationError> check(String json) {
        return RequestShape.check(JSON.readTree(json), Body.class);
    }

    @Test
    void requiredComeFirstAlphabeticallyThenUnexpectedWithTheSortedEnclosingObject() {
        List<ValidationError> errors = check("{\"keX_method\":\"auth_bearer\",\"description\":\"d\"}");
        assertThat(errors).extracting(ValidationError::message).containsExactly(
                "expected required property key_field to be present",
                "expected required property key_method to be present",
                "unexpected property");
        assertThat(errors.get(2).location()).isEqualTo("body.keX_method");
        assertThat(errors.get(0).location()).isEqualTo("body");
        assertThat(errors.get(0).value()).isEqualTo(Map.of("description", "d", "keX_method", "auth_bearer"));
        assertThat(List.copyOf(((Map<?, ?>) errors.get(0).value()).keySet())).isEqualTo(List.of("description", "keX_method"));
    }

    @Test
    void typesAreStrictNoCoercion() {
        List<ValidationError> errors = check(
                "{\"key_method\":5,\"key_field\":\"f\",\"flag\":\"true\",\"items\":[{\"id\":\"a\",\"count\":\"5\"}]}");
        assertThat(errors).extracting(ValidationError::message, ValidationError::location).containsExactly(
                tuple("expected string", "body.key_method"),
                tuple("expected integer", "body.items[0].count"),
                tuple("expected boolean", "body.flag"));
    }

    @Test
    void nestedObjectsReportTheirOwnLocation() {
        List<ValidationError> errors = check("{\"key_method\":\"m\",\"key_field\":\"f\",\"items\":[{\"x\":1}]}");
        assertThat(errors).extracting(ValidationError::message, ValidationError::location).containsExactly(
                tuple("expected required property id to be present", "body.items[0]"),
                tuple("unexpected property", "body.items[0].x"));
    }

    @Test
    void readOnlyPropertiesAreAcceptedAndNullMeansAbsent() {
        assertThat(check("{\"key_method\":\"m\",\"key_field\":\"f\",\"computed\":123,\"description\":null}"))
                .isEmpty();
    }

    @Test
    void aNonObjectBodyIsReported() {
        assertThat(check("[1,2]")).extracting(ValidationError::message).containsExactly("expected object");
    }
}
