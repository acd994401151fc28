package io.embapi.shared.definition;

import org.axonframework.serialization.Revision;

/** An LLM service definition was created. */
@Revision("2")
public record DefinitionCreatedEvent(long definitionId, String owner, String definitionHandle, DefinitionSpec spec) {
}
