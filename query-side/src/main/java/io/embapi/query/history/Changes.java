package io.embapi.query.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds the {@code changes} of a history entry, field by field, in the order they are noted. */
final class Changes {

    static final String CHANGED = "changed";

    private final Map<String, Object> changes = new LinkedHashMap<>();

    /** Notes {@code field} going from {@code from} to {@code to}, if they differ. */
    Changes diff(String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
        return this;
    }

    /** Notes that {@code field} changed without showing its values (personal data, secrets, bulky values). */
    Changes changed(String field) {
        changes.put(field, CHANGED);
        return this;
    }

    /** Notes an event-specific description. */
    Changes note(String field, String description) {
        changes.put(field, description);
        return this;
    }

    Map<String, Object> toMap() {
        return changes;
    }
}
