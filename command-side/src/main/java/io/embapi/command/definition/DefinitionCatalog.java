package io.embapi.command.definition;

import java.util.Optional;

/** What other slices may ask about definitions: which one a handle names, and who may use it. */
public interface DefinitionCatalog {

    /** The id of the live definition {@code owner/handle}. */
    Optional<Long> find(String owner, String definitionHandle);

    /** Whether {@code userHandle} may use the definition: it is public, the user's own, or shared with the user. */
    boolean usableBy(long definitionId, String userHandle);
}
