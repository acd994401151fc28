package io.embapi.shared.definition;

import org.axonframework.serialization.Revision;

/** A user may now use the definition. */
@Revision("1")
public record DefinitionSharedEvent(long definitionId, String userHandle) {
}
