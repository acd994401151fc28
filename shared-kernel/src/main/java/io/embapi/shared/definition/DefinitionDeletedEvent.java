package io.embapi.shared.definition;

import org.axonframework.serialization.Revision;

/** The definition was deleted. */
@Revision("1")
public record DefinitionDeletedEvent(long definitionId, String owner, String definitionHandle) {
}
