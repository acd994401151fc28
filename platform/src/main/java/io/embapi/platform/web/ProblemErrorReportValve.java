package io.embapi.platform.web;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as RFC 7807 problem JSON: used for the errors Tomcat answers without the application (a
 * request line or headers over {@code server.max-http-request-header-size}, an undecodable URI). Never a stack
 * trace or server version. Instantiated by Tomcat's host ({@link WebConfiguration#problemErrorReports()}).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(status, detail(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: malformed, or its request line or headers are too large";
            case 404 -> "no such route";
            case 413 -> "request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            default -> "the request could not be processed (HTTP " + status + ")";
        };
    }
}
