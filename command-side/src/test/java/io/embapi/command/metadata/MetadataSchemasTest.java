package io.embapi.command.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataSchemasTest {

    private final MetadataSchemas schemas = new MetadataSchemas();

    @Test
    void theReferencesExampleSchemaIsValid() {
        assertThat(schemas.problemWith("{\"type\":\"object\",\"properties\":{\"author\":{\"type\":\"string\"}},"
                + "\"required\":[\"author\"]}")).isEmpty();
    }

    @Test
    void draft07AndDraft202012AreBothAccepted() {
        assertThat(schemas.problemWith("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
                + "\"type\":\"object\",\"definitions\":{\"a\":{\"type\":\"integer\"}}}")).isEmpty();
        assertThat(schemas.problemWith("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"type\":\"object\",\"$defs\":{\"a\":{\"type\":\"integer\"}},\"prefixItems\":[{\"type\":\"string\"}]}")).isEmpty();
        assertThat(schemas.problemWith("true")).isEmpty();
    }

    @Test
    void anUnknownTypeIsReportedWithItsLocation() {
        assertThat(schemas.problemWith("{\"type\":\"objekt\"}")).hasValueSatisfying(problem ->
                assertThat(problem).contains("/type"));
    }

    @Test
    void wrongKeywordTypesAreReported() {
        assertThat(schemas.problemWith("{\"type\":\"object\",\"required\":\"author\"}")).isPresent();
        assertThat(schemas.problemWith("{\"properties\":{\"a\":{\"minLength\":-1}}}")).isPresent();
    }

    @Test
    void notJsonOrNotAnObjectIsReported() {
        assertThat(schemas.problemWith("{type: object}")).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("it is not valid JSON"));
        assertThat(schemas.problemWith("[1,2]")).hasValue("a JSON Schema must be an object or a boolean");
    }

    @Test
    void anUnknownDialectIsReported() {
        assertThat(schemas.problemWith("{\"$schema\":\"https://example.org/my-dialect\"}"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("unsupported $schema"));
    }
}
