package io.embapi.shared.project;

/**
 * What a project's PUT replaces as a whole.
 *
 * @param description    free text, empty when absent
 * @param metadataScheme a JSON Schema (as a string) every embedding's metadata must satisfy; {@code null} for none
 * @param instance       the LLM service instance; {@code null} for none
 * @param publicRead     whether anonymous callers may read the project and its embeddings
 */
public record ProjectSettings(String description, String metadataScheme, InstanceRef instance, boolean publicRead) {
}
