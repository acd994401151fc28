package io.embapi.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem responses; titles are the reason phrases the reference (Go's net/http) uses. */
public final class Problems {

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Entity"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Problems() {
    }

    public static ApiProblem problem(int status, String detail, List<ValidationError> errors) {
        return new ApiProblem(TITLES.getOrDefault(status, "Error"), status, detail, errors);
    }

    public static ResponseEntity<ApiProblem> response(HttpStatusCode status, String detail) {
        return response(status, detail, List.of(), new HttpHeaders());
    }

    public static ResponseEntity<ApiProblem> response(HttpStatusCode status, String detail,
                                                      List<ValidationError> errors, HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status.value(), detail, errors));
    }

    /** The problem document as JSON text (for Tomcat's error reports, {@link ProblemErrorReportValve}). */
    static String json(int status, String detail) {
        return MAPPER.writeValueAsString(problem(status, detail, List.of()));
    }

    /** For servlet filters, which run outside Spring MVC's exception handling. */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(MAPPER.writeValueAsBytes(problem(status, detail, List.of())));
    }
}
