package io.embapi.shared.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A user's role in a project. The owner's role is implied by ownership; shares are editor or reader. */
public enum ProjectRole {
    OWNER,
    EDITOR,
    READER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectRole fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The role a share may grant: {@code editor} or {@code reader} (exact, lower case), else empty. */
    public static Optional<ProjectRole> shareRole(String value) {
        if ("editor".equals(value)) {
            return Optional.of(EDITOR);
        }
        if ("reader".equals(value)) {
            return Optional.of(READER);
        }
        return Optional.empty();
    }

    public boolean canEdit() {
        return this != READER;
    }
}
