package io.embapi.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error answer decided at the HTTP edge: status, detail and (for 422) the validation errors. */
public class ApiException extends RuntimeException {

    public static final String AUTHENTICATION_FAILED = "Authentication failed. Perhaps a missing or incorrect API key?";

    private final HttpStatus status;
    private final List<ValidationError> errors;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<ValidationError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, AUTHENTICATION_FAILED);
    }

    /** 429; the caller sets {@code Retry-After} on the response (the rate limits, ADR 0013). */
    public static ApiException tooManyRequests(String detail) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail);
    }

    public static ApiException validationFailed(List<ValidationError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation failed", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
