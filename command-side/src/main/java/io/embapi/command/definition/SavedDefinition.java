package io.embapi.command.definition;

/** The outcome of saving a definition: its id and public flag. */
record SavedDefinition(long definitionId, boolean isPublic) {
}
