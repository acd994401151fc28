package io.embapi.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a JSON document against a request record and binds it: shape first (required, unexpected, types), then
 * Bean Validation constraints, each reported as one 422 in the reference's format. Used for request bodies and for
 * the result of a PATCH, so both are validated exactly alike.
 */
@Component
public class RequestBodies {

    private final JsonMapper mapper;
    private final Validator validator;

    RequestBodies(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T bind(JsonNode node, Class<T> type) {
        List<ValidationError> errors = RequestShape.check(node, type);
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        T value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("request body does not match the expected shape: " + e.getOriginalMessage());
        }
        List<ValidationError> violations = validator.validate(value).stream()
                .map(v -> toError(type, v))
                .sorted(Comparator.comparing(ValidationError::location).thenComparing(ValidationError::message))
                .toList();
        if (!violations.isEmpty()) {
            throw ApiException.validationFailed(violations);
        }
        return value;
    }

    /**
     * PATCH as the reference means it: apply an RFC 7396 merge patch to the stored input representation, refuse a
     * change of the handle, and validate the result exactly like a PUT body.
     *
     * @param stored         the current input representation (a request record)
     * @param patch          the merge patch; must be a JSON object
     * @param handleProperty the JSON name of the handle, e.g. {@code project_handle}
     * @param handle         the handle from the path
     * @param what           what the handle names, for the error message, e.g. {@code project}
     */
    public <T> T patched(Object stored, JsonNode patch, String handleProperty, String handle, String what,
                         Class<T> type) {
        if (!patch.isObject()) {
            throw ApiException.validationFailed(List.of(new ValidationError("expected object", "body", null)));
        }
        JsonNode merged = JsonMergePatch.apply(toJson(stored), patch);
        JsonNode mergedHandle = merged.get(handleProperty);
        if (mergedHandle == null || !mergedHandle.isString() || !handle.equals(mergedHandle.stringValue())) {
            throw ApiException.badRequest("the " + what + " handle cannot be changed by PATCH");
        }
        return bind(merged, type);
    }

    /** The JSON form of a request record, as a client would send it. */
    public JsonNode toJson(Object body) {
        return mapper.valueToTree(body);
    }

    private static ValidationError toError(Class<?> rootType, ConstraintViolation<?> violation) {
        String location = location(rootType, violation.getPropertyPath());
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        Object value = violation.getInvalidValue();
        return new ValidationError(message(constraint, value, violation.getMessage()), location, value);
    }

    static String message(Annotation constraint, Object value, String fallback) {
        if (constraint instanceof Size size) {
            int length = value instanceof CharSequence s ? s.codePoints().toArray().length
                    : value instanceof Collection<?> c ? c.size() : 0;
            String what = value instanceof Collection<?> ? "expected array length" : "expected length";
            return length < size.min() ? what + " >= " + size.min() : what + " <= " + size.max();
        }
        if (constraint instanceof NotBlank) {
            return "expected length >= 1";
        }
        if (constraint instanceof Pattern pattern) {
            return "expected string to match pattern " + pattern.regexp();
        }
        if (constraint instanceof Min min) {
            return "expected number >= " + min.value();
        }
        if (constraint instanceof Max max) {
            return "expected number <= " + max.value();
        }
        if (constraint instanceof DecimalMin min) {
            return "expected number >= " + min.value();
        }
        if (constraint instanceof DecimalMax max) {
            return "expected number <= " + max.value();
        }
        if (constraint instanceof OneOf oneOf) {
            return "expected value to be one of \"" + String.join(", ", oneOf.value()) + "\"";
        }
        if (constraint instanceof Email) {
            return "expected string to be RFC 5322 email";
        }
        return fallback;
    }

    /** {@code body.<json names>} for a Bean Validation property path over records. */
    private static String location(Class<?> rootType, Path path) {
        StringBuilder location = new StringBuilder("body");
        Class<?> current = rootType;
        for (Path.Node node : path) {
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && location.charAt(location.length() - 1) != ']') {
                location.append('[').append(node.getIndex()).append(']');
            }
            Map<String, RecordComponent> properties = current != null && current.isRecord()
                    ? RequestShape.properties(current) : Map.of();
            String jsonName = node.getName();
            Class<?> next = null;
            for (Map.Entry<String, RecordComponent> e : properties.entrySet()) {
                if (e.getValue().getName().equals(node.getName())) {
                    jsonName = e.getKey();
                    next = e.getValue().getType();
                }
            }
            location.append('.').append(jsonName);
            current = next;
        }
        return location.toString();
    }
}
