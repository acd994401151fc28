package io.embapi.shared.definition;

import org.axonframework.serialization.Revision;

/** A user may no longer use the definition. */
@Revision("1")
public record DefinitionUnsharedEvent(long definitionId, String userHandle) {
}
