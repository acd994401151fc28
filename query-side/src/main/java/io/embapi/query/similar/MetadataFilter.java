package io.embapi.query.similar;

import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A metadata filter of a similarity search, parsed and checked, that renders itself as a SQL condition with bound
 * parameters only: no key or value of the request ever becomes SQL text.
 *
 * <p>The request form (an extension of the reference, documented in the OpenAPI as {@code SearchFilter}):
 * <pre>{"must": [{"key": "author", "equals": "Kant"}, {"key": "/source/lang", "in": ["de", "en"]}],
 *  "must_not": [{"key": "draft", "exists": true}]}</pre>
 * A key is a JSON pointer when it starts with {@code /} ({@code ~1} for a slash, {@code ~0} for a tilde), otherwise a
 * dotted path; every step names an object member. {@code equals} compares JSON values (numbers numerically, strings
 * exactly), {@code in} is any of up to 100 values, {@code exists} tests for the member (a JSON {@code null} value
 * exists). A row without metadata or without the member matches no {@code must} condition and every {@code must_not}
 * one. The reference's {@code metadata_path}/{@code metadata_value} pair becomes one more exclusion with its own
 * semantics (top-level member as text, trimmed).
 */
final class MetadataFilter {

    static final int MAX_CONDITIONS = 64;
    static final int MAX_VALUES = 100;
    static final int MAX_DEPTH = 16;

    private static final MetadataFilter NONE = new MetadataFilter(List.of());
    private static final Set<String> LISTS = Set.of("must", "must_not");
    private static final Set<String> TESTS = Set.of("equals", "in", "exists");

    private enum Kind { EQUALS, IN, EXISTS, LEGACY_EXCLUSION }

    private record Condition(List<String> path, Kind kind, List<JsonNode> values, boolean negated) {
    }

    private final List<Condition> conditions;

    private MetadataFilter(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    static MetadataFilter none() {
        return NONE;
    }

    /** A canonical text of the conditions: equal for filters that select the same rows the same way. */
    String signature() {
        StringBuilder text = new StringBuilder();
        for (Condition condition : conditions) {
            text.append(condition.negated() ? "!" : "").append(condition.kind()).append(condition.path())
                    .append(condition.values()).append(';');
        }
        return text.toString();
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /**
     * Whether a GIN-indexed condition restricts the candidates ({@code must} with {@code equals}/{@code in}, or a
     * top-level {@code exists}), so that the matching rows can be found without reading the whole project.
     */
    boolean narrows() {
        return conditions.stream().anyMatch(c -> !c.negated() && (c.kind() == Kind.EQUALS || c.kind() == Kind.IN
                || c.kind() == Kind.EXISTS && c.path().size() == 1));
    }

    /** This filter plus the reference's exclusion: drop rows whose top-level {@code path}, as text, is {@code value}. */
    MetadataFilter excluding(String path, String value) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(new Condition(List.of(path), Kind.LEGACY_EXCLUSION,
                List.of(JsonNodeFactory.instance.stringNode(value)), true));
        return new MetadataFilter(more);
    }

    /** Appends {@code AND <condition>} for every condition to {@code sql}, and their values to {@code params}. */
    void appendTo(StringBuilder sql, List<Object> params) {
        for (Condition condition : conditions) {
            sql.append(" AND ");
            switch (condition.kind()) {
                case LEGACY_EXCLUSION -> {
                    sql.append("NOT COALESCE(btrim(metadata ->> ?) = btrim(?), false)");
                    params.add(condition.path().get(0));
                    params.add(condition.values().get(0).stringValue());
                }
                case EQUALS, IN -> {
                    StringBuilder any = new StringBuilder();
                    for (JsonNode value : condition.values()) {
                        any.append(any.isEmpty() ? "" : " OR ").append("metadata @> ?::jsonb");
                        params.add(containment(condition.path(), value));
                    }
                    wrap(sql, condition.negated(), any.toString());
                }
                case EXISTS -> {
                    if (condition.path().size() == 1) {
                        wrap(sql, condition.negated(), "metadata ?? ?");
                        params.add(condition.path().get(0));
                    } else {
                        wrap(sql, condition.negated(), "(metadata #> ?::text[]) IS NOT NULL");
                        params.add(condition.path().toArray(String[]::new));
                    }
                }
                default -> throw new IllegalStateException(condition.kind().name());
            }
        }
    }

    private static void wrap(StringBuilder sql, boolean negated, String condition) {
        sql.append(negated ? "NOT COALESCE((" + condition + "), false)" : "(" + condition + ")");
    }

    /** {@code {"a": {"b": value}}} for the path a.b: what containment ({@code @>}) tests. */
    private static String containment(List<String> path, JsonNode value) {
        JsonNode document = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            ObjectNode level = JsonNodeFactory.instance.objectNode();
            level.set(path.get(i), document);
            document = level;
        }
        return document.toString();
    }

    /**
     * Parses a filter document; every problem is reported as a validation error (422) at {@code location} (for
     * example {@code body.filter} or {@code query.filter}).
     */
    static MetadataFilter parse(JsonNode node, String location) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        List<ValidationError> errors = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        if (!node.isObject()) {
            errors.add(new ValidationError("expected object", location, node));
        } else {
            for (String name : node.propertyNames()) {
                if (!LISTS.contains(name)) {
                    errors.add(new ValidationError("unexpected property", location + "." + name, node));
                }
            }
            conditions(node.get("must"), false, location + ".must", conditions, errors);
            conditions(node.get("must_not"), true, location + ".must_not", conditions, errors);
            if (conditions.size() > MAX_CONDITIONS) {
                errors.add(new ValidationError("expected at most " + MAX_CONDITIONS + " conditions", location,
                        conditions.size()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        return new MetadataFilter(conditions);
    }

    private static void conditions(JsonNode list, boolean negated, String location, List<Condition> into,
                                   List<ValidationError> errors) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            errors.add(new ValidationError("expected array", location, list));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Condition condition = condition(list.get(i), negated, location + "[" + i + "]", errors);
            if (condition != null) {
                into.add(condition);
            }
        }
    }

    private static Condition condition(JsonNode node, boolean negated, String location,
                                       List<ValidationError> errors) {
        if (!node.isObject()) {
            errors.add(new ValidationError("expected object", location, node));
            return null;
        }
        int before = errors.size();
        for (String name : node.propertyNames()) {
            if (!name.equals("key") && !TESTS.contains(name)) {
                errors.add(new ValidationError("unexpected property", location + "." + name, node));
            }
        }
        List<String> path = path(node.get("key"), location + ".key", errors);
        List<String> tests = node.propertyNames().stream().filter(TESTS::contains).toList();
        if (tests.size() != 1) {
            errors.add(new ValidationError("expected exactly one of equals, in, exists", location, node));
            return null;
        }
        String test = tests.get(0);
        JsonNode argument = node.get(test);
        Condition condition = null;
        switch (test) {
            case "equals" -> {
                if (scalar(argument, location + ".equals", errors)) {
                    condition = new Condition(path, Kind.EQUALS, List.of(argument), negated);
                }
            }
            case "in" -> {
                if (!argument.isArray() || argument.isEmpty() || argument.size() > MAX_VALUES) {
                    errors.add(new ValidationError("expected array of 1.." + MAX_VALUES + " values",
                            location + ".in", argument));
                } else {
                    List<JsonNode> values = new ArrayList<>();
                    for (int i = 0; i < argument.size(); i++) {
                        if (scalar(argument.get(i), location + ".in[" + i + "]", errors)) {
                            values.add(argument.get(i));
                        }
                    }
                    condition = new Condition(path, Kind.IN, values, negated);
                }
            }
            default -> {
                if (!argument.isBoolean()) {
                    errors.add(new ValidationError("expected boolean", location + ".exists", argument));
                } else {
                    condition = new Condition(path, Kind.EXISTS, List.of(), negated == argument.booleanValue());
                }
            }
        }
        return errors.size() == before ? condition : null;
    }

    private static boolean scalar(JsonNode value, String location, List<ValidationError> errors) {
        boolean ok = value.isString() || value.isNumber() || value.isBoolean();
        if (!ok) {
            errors.add(new ValidationError("expected string, number or boolean", location, value));
        }
        return ok;
    }

    private static List<String> path(JsonNode key, String location, List<ValidationError> errors) {
        if (key == null || key.isNull()) {
            errors.add(new ValidationError("expected required property key to be present", location, null));
            return List.of();
        }
        if (!key.isString()) {
            errors.add(new ValidationError("expected string", location, key));
            return List.of();
        }
        String text = key.stringValue();
        List<String> steps = new ArrayList<>();
        if (text.startsWith("/")) {
            for (String step : text.substring(1).split("/", -1)) {
                steps.add(step.replace("~1", "/").replace("~0", "~"));
            }
        } else {
            for (String step : text.split("\\.", -1)) {
                steps.add(step);
            }
        }
        if (text.isEmpty() || text.length() > 1000 || steps.size() > MAX_DEPTH
                || steps.stream().anyMatch(String::isEmpty)) {
            errors.add(new ValidationError("expected a JSON pointer (/a/b) or a dotted path (a.b) of 1.." + MAX_DEPTH
                    + " non-empty member names", location, text));
            return List.of();
        }
        return steps;
    }
}
