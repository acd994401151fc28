package io.embapi.app.http;

import static io.embapi.app.ProblemAssertions.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Helpers shared by the HTTP tests of this package: requests with arbitrary headers, raw requests over a socket
 * (for headers the JDK client will not send) and user bodies; the shared assertions are in
 * {@link io.embapi.app.ProblemAssertions}.
 * Adds no Spring configuration, so every subclass shares the context (and database) of {@link ApiTestSupport}.
 */
abstract class HttpTestSupport extends ApiTestSupport {

    static final Pattern KEY_FORMAT = Pattern.compile("^[0-9a-f]{64}$");

    /** A request with any headers (name, value, name, value, ...); {@code body} may be null. */
    protected Response request(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return exchange(builder.build());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Writes {@code head} (request line and headers, without the blank line) over a plain socket, plus an empty line,
     * and reads the answer until the server closes the connection or stays silent for five seconds.
     */
    protected Response raw(String head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // use what arrived
            }
            return parseRaw(received.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Map<String, List<String>> headers = headerMap(text.substring(0, end));
        List<String> length = headers.get("content-length");
        if (length != null) {
            return text.length() - end - 4 >= Integer.parseInt(length.get(0).trim());
        }
        return text.endsWith("\r\n0\r\n\r\n");
    }

    private static Response parseRaw(String text) {
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete HTTP response head in: %s", text).isPositive();
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        String statusLine = head.split("\r\n", 2)[0];
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = headerMap(head);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, body, HttpHeaders.of(headers, (a, b) -> true));
    }

    private static Map<String, List<String>> headerMap(String head) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (position < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(position, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            position = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    /** Every user of {@code GET /v1/users}, page by page (admin), in the order the service lists them. */
    protected List<JsonNode> allUsers() {
        List<JsonNode> users = new ArrayList<>();
        for (int offset = 0; ; offset += 200) {
            Response page = call("GET", "/v1/users?limit=200&offset=" + offset, ADMIN_KEY, null);
            if (page.status() == 404 && offset > 0) {
                return users;
            }
            assertThat(page.status()).as("listing users: %s", page).isEqualTo(200);
            page.json().values().forEach(users::add);
            if (page.json().size() < 200) {
                return users;
            }
        }
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    static String userBody(String handle, String name, String email) {
        return name == null ? object("user_handle", handle, "email", email)
                : object("user_handle", handle, "name", name, "email", email);
    }
}
