package io.embapi.shared.definition;

/**
 * What an LLM service definition describes: a reusable template for instances.
 *
 * <p>Since revision 2 of the events that carry it, an unknown vector size is {@code null}, as in
 * {@link io.embapi.shared.instance.InstanceSpec}; revision 1 wrote {@code 0} for it, which
 * {@link DefinitionSpecUpcaster} turns into {@code null} when old events are read.
 *
 * @param endpoint     the provider's embeddings URL
 * @param description  free text
 * @param apiStandard  the API standard's handle
 * @param model        the provider's model name
 * @param dimensions   vector size the model produces; {@code null} when unknown (never 0)
 * @param contextLimit the model's context limit in tokens (0 when unknown)
 * @param isPublic     whether every user may use it
 */
public record DefinitionSpec(String endpoint, String description, String apiStandard, String model,
                             Integer dimensions, int contextLimit, boolean isPublic) {
}
