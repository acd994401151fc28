package io.embapi.platform.web;

/** The request body exceeded the configured limit. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("request body is too large (limit " + limitBytes + " bytes)", null, false, false);
    }
}
