package io.embapi.platform.web;

import io.embapi.shared.Handles;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.web.servlet.HandlerMapping;

/** The decoded path variables of the current request, and the handle rules applied to them. */
public final class PathValues {

    private PathValues() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> of(HttpServletRequest request) {
        Object values = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return values instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /** Every path variable named {@code *_handle} must be a valid handle; violations are one 422. */
    public static void validateHandles(Map<String, String> pathValues) {
        List<ValidationError> errors = new ArrayList<>();
        new TreeMap<>(pathValues).forEach((name, value) -> {
            if (name.endsWith("_handle")) {
                handleError(value, "path." + name).ifPresent(errors::add);
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
    }

    static Optional<ValidationError> handleError(String value, String location) {
        if (value.length() < Handles.MIN_LENGTH) {
            return Optional.of(new ValidationError("expected length >= " + Handles.MIN_LENGTH, location, value));
        }
        if (value.length() > Handles.MAX_LENGTH) {
            return Optional.of(new ValidationError("expected length <= " + Handles.MAX_LENGTH, location, value));
        }
        if (!Handles.isValid(value)) {
            return Optional.of(new ValidationError("expected string to match pattern " + Handles.PATTERN, location,
                    value));
        }
        return Optional.empty();
    }
}
