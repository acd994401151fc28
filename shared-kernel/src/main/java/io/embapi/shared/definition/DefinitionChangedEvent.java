package io.embapi.shared.definition;

import org.axonframework.serialization.Revision;

/** A definition's spec was replaced. */
@Revision("2")
public record DefinitionChangedEvent(long definitionId, DefinitionSpec spec) {
}
