package io.embapi.shared.definition;

/** A definition's identity is its numeric {@code definition_id}; its event stream is {@code definition:<id>}. */
public final class DefinitionIds {

    /** The seeded {@code _system} definitions have ids 1..4; user definitions start after them. */
    public static final int SYSTEM_DEFINITIONS = 4;

    private DefinitionIds() {
    }

    public static String aggregateId(long definitionId) {
        return "definition:" + definitionId;
    }
}
