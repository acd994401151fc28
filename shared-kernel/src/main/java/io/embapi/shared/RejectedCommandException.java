package io.embapi.shared;

/**
 * A command broke a business rule. The reason says what kind of rule (the HTTP edge maps it to a status code);
 * the message is the client-facing explanation and never contains secrets.
 */
public class RejectedCommandException extends RuntimeException {

    public enum Reason {
        /** The addressed resource does not exist. */
        NOT_FOUND,
        /** The change contradicts the current state (e.g. a duplicate). */
        CONFLICT,
        /** The caller may not do this to this resource. */
        FORBIDDEN,
        /** The request is well-formed but asks for something invalid. */
        INVALID
    }

    private final Reason reason;

    public RejectedCommandException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
