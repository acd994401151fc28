package io.embapi.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The RFC 7807 error body every failure is served with ({@code application/problem+json}).
 *
 * @param title  the HTTP reason phrase
 * @param status the HTTP status code
 * @param detail the human-readable explanation (exact strings from the reference where it defines them)
 * @param errors field-level failures, only for 422
 */
public record ApiProblem(
        String title,
        int status,
        String detail,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ValidationError> errors) {
}
