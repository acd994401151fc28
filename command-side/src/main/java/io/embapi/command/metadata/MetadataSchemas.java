package io.embapi.command.metadata;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema handling for project metadata schemes, with networknt's validator: a scheme must itself be a valid
 * schema of its dialect ({@code $schema}: draft 2020-12 by default, draft-07, 2019-09, 06 and 04 also accepted),
 * checked against the dialect's meta-schema that ships with the library (no network access).
 */
@Component
public class MetadataSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<SpecificationVersion, String> META_SCHEMAS = Map.of(
            SpecificationVersion.DRAFT_2020_12, "https://json-schema.org/draft/2020-12/schema",
            SpecificationVersion.DRAFT_2019_09, "https://json-schema.org/draft/2019-09/schema",
            SpecificationVersion.DRAFT_7, "http://json-schema.org/draft-07/schema#",
            SpecificationVersion.DRAFT_6, "http://json-schema.org/draft-06/schema#",
            SpecificationVersion.DRAFT_4, "http://json-schema.org/draft-04/schema#");

    private final Map<SpecificationVersion, Schema> metaSchemas = new ConcurrentHashMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** What is wrong with {@code scheme} as a JSON Schema, or empty when it is a valid one. */
    public Optional<String> problemWith(String scheme) {
        JsonNode node;
        try {
            node = JSON.readTree(scheme);
        } catch (JacksonException e) {
            return Optional.of("it is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject() && !node.isBoolean()) {
            return Optional.of("a JSON Schema must be an object or a boolean");
        }
        SpecificationVersion version;
        if (node.has("$schema")) {
            if (!node.get("$schema").isString()) {
                return Optional.of("$schema must be a string");
            }
            Optional<SpecificationVersion> known =
                    SpecificationVersion.fromDialectId(node.get("$schema").stringValue());
            if (known.isEmpty()) {
                return Optional.of("unsupported $schema " + node.get("$schema").stringValue()
                        + " (use draft 2020-12, 2019-09, 07, 06 or 04)");
            }
            version = known.get();
        } else {
            version = SpecificationVersion.DRAFT_2020_12;
        }
        List<Error> errors = metaSchema(version).validate(node);
        if (!errors.isEmpty()) {
            return Optional.of(errors.stream().limit(5).map(MetadataSchemas::describe)
                    .reduce((a, b) -> a + "; " + b).orElse(""));
        }
        try {
            SchemaRegistry.withDefaultDialect(version).getSchema(node).initializeValidators();
        } catch (SchemaException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The violations of {@code metadataJson} against {@code scheme} (a scheme that passed {@link #problemWith}), one
     * {@code <location>: <message>} line each; empty when valid.
     */
    public List<String> violations(String scheme, String metadataJson) {
        Schema schema = compiled.computeIfAbsent(scheme, s -> {
            JsonNode node = JSON.readTree(s);
            SpecificationVersion version = node.has("$schema")
                    ? SpecificationVersion.fromDialectId(node.get("$schema").stringValue())
                    .orElse(SpecificationVersion.DRAFT_2020_12)
                    : SpecificationVersion.DRAFT_2020_12;
            return SchemaRegistry.withDefaultDialect(version).getSchema(node);
        });
        return schema.validate(JSON.readTree(metadataJson)).stream().map(MetadataSchemas::describeViolation).toList();
    }

    private static String describeViolation(Error error) {
        String at = error.getInstanceLocation().toString();
        return ("$".equals(at) || at.isEmpty() ? "(root)" : at) + ": " + error.getMessage();
    }

    private Schema metaSchema(SpecificationVersion version) {
        return metaSchemas.computeIfAbsent(version, v -> SchemaRegistry.withDefaultDialect(v)
                .getSchema(SchemaLocation.of(META_SCHEMAS.get(v))));
    }

    private static String describe(Error error) {
        String at = error.getInstanceLocation().toString();
        return ("$".equals(at) || at.isEmpty() ? "" : at + ": ") + error.getMessage();
    }
}
