package io.embapi.shared.instance;

/**
 * A concrete embedding service configuration.
 *
 * @param definitionId the definition it was made from, or {@code null}
 * @param endpoint     the provider's embeddings URL
 * @param description  free text
 * @param apiStandard  the API standard's handle
 * @param model        the provider's model name
 * @param dimensions   vector size; governs every project linked to the instance ({@code null} when unset)
 * @param contextLimit context limit in tokens (0 when unknown)
 */
public record InstanceSpec(Long definitionId, String endpoint, String description, String apiStandard, String model,
                           Integer dimensions, int contextLimit) {
}
