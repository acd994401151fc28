package io.embapi.command.definition;

import io.embapi.shared.definition.DefinitionSpec;

/** A definition's current spec and stream version, as PATCH starts from it. */
public record DefinitionDescription(DefinitionSpec spec, long version) {
}
