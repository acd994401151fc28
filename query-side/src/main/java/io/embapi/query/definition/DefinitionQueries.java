package io.embapi.query.definition;

/** The queries of the definition read model. */
final class DefinitionQueries {

    private DefinitionQueries() {
    }

    /** The definition {@code owner/handle}, if it exists. */
    record FindDefinition(String owner, String definitionHandle) {
    }

    /** A page of the definitions a user may use: its own, {@code _system}'s and those shared with it. */
    record ListUsableDefinitions(String userHandle, int limit, int offset) {
    }

    /** A page of the users a definition is shared with. */
    record ListDefinitionShares(String owner, String definitionHandle, int limit, int offset) {
    }
}
