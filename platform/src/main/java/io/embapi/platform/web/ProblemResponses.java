package io.embapi.platform.web;

import io.embapi.shared.RejectedCommandException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 7807 body. Unexpected failures are logged with the request id and answered with
 * a generic 500: no stack trace, no SQL, no exception text reaches the client.
 */
@RestControllerAdvice
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiProblem> api(ApiException e) {
        return Problems.response(e.status(), e.getMessage(), e.errors(), new HttpHeaders());
    }

    @ExceptionHandler(RejectedCommandException.class)
    ResponseEntity<ApiProblem> rejected(RejectedCommandException e) {
        return Problems.response(statusOf(e.reason()), e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ApiProblem> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof RejectedCommandException rejected) {
            return rejected(rejected);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return concurrent((RuntimeException) cause);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class})
    ResponseEntity<ApiProblem> concurrent(RuntimeException e) {
        return Problems.response(HttpStatus.CONFLICT,
                "the resource was changed by a concurrent request; retry the request");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiProblem> duplicate(DuplicateKeyException e) {
        return Problems.response(HttpStatus.CONFLICT,
                "the request conflicts with a concurrent change; retry the request");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiProblem> tooLarge(PayloadTooLargeException e) {
        return Problems.response(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiProblem> noRoute(Exception e, HttpServletRequest request) {
        return Problems.response(HttpStatus.NOT_FOUND, "no such route: " + request.getMethod() + " "
                + request.getRequestURI());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiProblem> wrongMethod(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " not allowed",
                List.of(), headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiProblem> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "request body must be JSON (Content-Type: application/json)");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiProblem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(HttpStatus.NOT_ACCEPTABLE, "responses are JSON only");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiProblem> typeMismatch(MethodArgumentTypeMismatchException e) {
        String location = "query." + e.getName();
        return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation failed",
                List.of(new ValidationError(expected(e.getRequiredType()), location, e.getValue())), new HttpHeaders());
    }

    private static String expected(Class<?> type) {
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "expected number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected boolean";
        }
        return "expected integer";
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiProblem> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation failed",
                List.of(new ValidationError("expected required property " + e.getParameterName() + " to be present",
                        "query." + e.getParameterName(), null)), new HttpHeaders());
    }

    /** A lost or unreachable database: 503 with {@code Retry-After}, logged in one line (no stack trace). */
    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ApiProblem> databaseDown(Exception e, HttpServletRequest request) {
        log.warn("database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; retry later",
                List.of(), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiProblem> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseDown(e, request);
        }
        log.error("unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal server error (request id " + RequestIdFilter.current(request) + ")");
    }

    static HttpStatus statusOf(RejectedCommandException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
    }
}
