package io.embapi.shared.apistandard;

/**
 * What an API standard says.
 *
 * @param description human-readable description with a link to the provider's documentation
 * @param keyMethod   one of {@link KeyMethod#ALL}
 * @param keyField    the header or field that carries the provider key
 */
public record ApiStandardDefinition(String description, String keyMethod, String keyField) {
}
