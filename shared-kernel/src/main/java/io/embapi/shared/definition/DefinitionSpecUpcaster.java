package io.embapi.shared.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads revision 1 of {@link DefinitionCreatedEvent} and {@link DefinitionChangedEvent} as revision 2. Revision 1
 * wrote an unknown vector size as {@code "dimensions": 0}, a sentinel every reader had to know about (instances made
 * from such a definition had to translate it to "no dimensions"); revision 2 says {@code null}, as instances always
 * did. The stored rows are never rewritten: this runs on the JSON tree each time an old row is read, before the
 * serializer sees it. Rows without a revision predate none of these events and are read as they are.
 */
public final class DefinitionSpecUpcaster extends SingleEventUpcaster {

    static final String OLD_REVISION = "1";
    static final String NEW_REVISION = "2";
    private static final Set<String> TYPES = Set.of(DefinitionCreatedEvent.class.getName(),
            DefinitionChangedEvent.class.getName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPES.contains(representation.getType().getName())
                && OLD_REVISION.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), NEW_REVISION),
                JsonNode.class, DefinitionSpecUpcaster::unknownDimensionsAsNull);
    }

    /** {@code spec.dimensions} 0 becomes {@code null}; every other field stays as it was. */
    static JsonNode unknownDimensionsAsNull(JsonNode payload) {
        if (payload.get("spec") instanceof ObjectNode spec) {
            JsonNode dimensions = spec.get("dimensions");
            if (dimensions != null && dimensions.isNumber() && dimensions.intValue() == 0) {
                spec.putNull("dimensions");
            }
        }
        return payload;
    }
}
