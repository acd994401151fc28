package io.embapi.command.definition;

import java.util.Optional;

/** Set-wide facts about definitions that no single definition aggregate holds. */
interface DefinitionDirectory {

    /** The id of the live definition {@code owner/handle}. */
    Optional<Long> definitionIdOf(String owner, String definitionHandle);

    /** A fresh definition id. */
    long allocateDefinitionId();
}
