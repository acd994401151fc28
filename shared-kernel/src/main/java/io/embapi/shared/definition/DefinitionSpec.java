package io.embapi.shared.definition;

/**
 * What an LLM service definition describes: a reusable template for instances.
 *
 * @param endpoint     the provider's embeddings URL
 * @param description  free text
 * @param apiStandard  the API standard's handle
 * @param model        the provider's model name
 * @param dimensions   vector size the model produces (0 when unknown)
 * @param contextLimit the model's context limit in tokens (0 when unknown)
 * @param isPublic     whether every user may use it
 */
public record DefinitionSpec(String endpoint, String description, String apiStandard, String model, int dimensions,
                             int contextLimit, boolean isPublic) {
}
