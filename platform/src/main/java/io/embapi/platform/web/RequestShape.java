package io.embapi.platform.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Checks a parsed JSON document against the shape of a request record before binding: required properties,
 * unexpected properties and JSON types, with the reference's messages and error order (required first,
 * alphabetically; then unexpected; then type errors).
 */
final class RequestShape {

    private RequestShape() {
    }

    static List<ValidationError> check(JsonNode node, Class<?> recordType) {
        List<ValidationError> errors = new ArrayList<>();
        checkValue(node, recordType, "body", errors);
        return errors;
    }

    /** The JSON name of each component, in declaration order. */
    static Map<String, RecordComponent> properties(Class<?> recordType) {
        Map<String, RecordComponent> byName = new LinkedHashMap<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            byName.put(jsonName(recordType, component), component);
        }
        return byName;
    }

    static String jsonName(Class<?> recordType, RecordComponent component) {
        JsonProperty property = field(recordType, component).getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static void checkObject(JsonNode node, Class<?> recordType, String location, List<ValidationError> errors) {
        Map<String, RecordComponent> properties = properties(recordType);
        // The enclosing object is only copied when an error names it (a valid body with a long vector is common).
        Object[] enclosingCopy = new Object[1];
        java.util.function.Supplier<Object> enclosing = () -> enclosingCopy[0] != null ? enclosingCopy[0]
                : (enclosingCopy[0] = sorted(node));
        List<ValidationError> required = new ArrayList<>();
        List<ValidationError> unexpected = new ArrayList<>();
        List<ValidationError> nested = new ArrayList<>();
        properties.forEach((name, component) -> {
            JsonNode value = node.get(name);
            boolean absent = value == null || value.isNull();
            if (absent && isRequired(recordType, component)) {
                required.add(new ValidationError("expected required property " + name + " to be present",
                        location, enclosing.get()));
            } else if (!absent && !isReadOnly(recordType, component)) {
                checkValue(value, component.getGenericType(), location + "." + name, nested);
            }
        });
        for (String name : node.propertyNames()) {
            if (!properties.containsKey(name)) {
                unexpected.add(new ValidationError("unexpected property", location + "." + name, enclosing.get()));
            }
        }
        required.sort((a, b) -> a.message().compareTo(b.message()));
        errors.addAll(required);
        errors.addAll(unexpected);
        errors.addAll(nested);
    }

    private static void checkValue(JsonNode value, Type type, String location, List<ValidationError> errors) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            expect(value.isString(), "expected string", value, location, errors);
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            expect(value.isIntegralNumber(), "expected integer", value, location, errors);
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            expect(value.isNumber(), "expected number", value, location, errors);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(value.isBoolean(), "expected boolean", value, location, errors);
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(value.isArray(), "expected array", value, location, errors)) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), element, location + "[" + i + "]", errors);
                }
            }
        } else if (raw.isRecord()) {
            if (expect(value.isObject(), "expected object", value, location, errors)) {
                checkObject(value, raw, location, errors);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            expect(value.isObject(), "expected object", value, location, errors);
        }
        // JsonNode / Object: any JSON value is accepted.
    }

    private static boolean expect(boolean ok, String message, JsonNode value, String location,
                                  List<ValidationError> errors) {
        if (!ok) {
            errors.add(new ValidationError(message, location, sorted(value)));
        }
        return ok;
    }

    private static boolean isRequired(Class<?> recordType, RecordComponent component) {
        Schema schema = field(recordType, component).getAnnotation(Schema.class);
        return schema != null && schema.requiredMode() == Schema.RequiredMode.REQUIRED
                && schema.accessMode() != Schema.AccessMode.READ_ONLY;
    }

    private static boolean isReadOnly(Class<?> recordType, RecordComponent component) {
        Schema schema = field(recordType, component).getAnnotation(Schema.class);
        return schema != null && schema.accessMode() == Schema.AccessMode.READ_ONLY;
    }

    private static Field field(Class<?> recordType, RecordComponent component) {
        try {
            return recordType.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** The JSON value as plain Java, objects with keys in alphabetical order (as the reference echoes them). */
    static Object sorted(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(sorted(element)));
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        return node.decimalValue();
    }
}
