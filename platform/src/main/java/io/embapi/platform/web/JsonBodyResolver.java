package io.embapi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
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
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads, checks and binds {@link JsonBody} parameters. Authentication has already run (401 beats 422). */
class JsonBodyResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;
    private final Validator validator;

    JsonBodyResolver(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(JsonBody.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        requireJson(request.getContentType());
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
        Class<?> type = parameter.getParameterType();
        List<ValidationError> errors = RequestShape.check(node, type);
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        Object value;
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

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid Content-Type header");
        }
        boolean json = MediaType.APPLICATION_JSON.includes(type)
                || type.getSubtype().endsWith("+json") && "application".equals(type.getType());
        if (!json) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "request body must be JSON (Content-Type: application/json), not " + type);
        }
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
