package io.embapi.app.conformance;

import static io.embapi.app.ProblemAssertions.PROBLEM_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile and broken input on every write and search route (issue 9): malformed, truncated, oversized and
 * deeply nested bodies, duplicate keys, unknown fields, wrong JSON types and content types, wrong methods,
 * non-finite and out-of-range vector values, wrong dimensions, 10k-character ids and handles, unicode and SQL
 * fragments in handles, ids, metadata and filters, out-of-range paging values. Every one answers 4xx
 * {@code application/problem+json} without a stack trace or SQL, and afterwards every table and the event store
 * are exactly as before. Unusual but valid values (unicode and SQL fragments in text ids and metadata) are accepted,
 * stored verbatim and append one event per accepted request.
 *
 * <p>Every check collects its findings (soft assertions) so one run lists every route that misbehaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest extends ApiTestSupport {

    private static final String JSON_TYPE = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int DEEP = 10_000;
    private static final String LONG = "x".repeat(10_000);
    /** Strings no handle may be: SQL fragments, wildcards, control and invisible characters, unicode tricks. */
    private static final List<String> HOSTILE_STRINGS = List.of(
            "'; drop table user_registry; --", "a%b", "a_b_%", "a\\\\b", "abc\"def", "\u202Eabc", "e\u0301ab",
            "ab\uD83D\uDE00c", "ab\u0000c", "ab\uD800c", "ab\uDC00", "  abc", "abc\n", LONG);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private World world;
    private String transferProject;

    @BeforeAll
    void createWorld() {
        world = World.create(this::call, this::newUser, ApiTestSupport::unique, ADMIN_KEY);
        transferProject = "xfer1";
        World.expect(call("PUT", "/v1/projects/" + world.owner().handle() + "/" + transferProject,
                world.owner().key(), world.projectBody(transferProject, false)), 201);
    }

    // ---- bodies on every write and search route --------------------------------------------------------------

    /** A route that reads a JSON body, with a body it accepts. */
    record BodyRoute(String method, String path, String token, String validBody, String contentType) {

        String name() {
            return method + " " + path;
        }
    }

    private List<BodyRoute> bodyRoutes() {
        String o = world.owner().handle();
        String ok = world.owner().key();
        String by = world.bystander().handle();
        String project = "/v1/projects/" + o + "/" + World.PROJECT;
        String instance = "/v1/llm-instances/" + o + "/" + World.INSTANCE;
        String definition = "/v1/llm-definitions/" + o + "/" + World.DEFINITION;
        String standard = "/v1/api-standards/" + world.standard();
        List<BodyRoute> routes = new ArrayList<>();
        routes.add(new BodyRoute("PUT", "/v1/users/" + o, ADMIN_KEY, World.userBody(world.owner()), JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/users", ADMIN_KEY, World.userBody(world.owner()), JSON_TYPE));
        routes.add(new BodyRoute("PATCH", "/v1/users/" + o, ADMIN_KEY, "{\"name\":\"Patched\"}", MERGE_PATCH));
        routes.add(new BodyRoute("PUT", project, ok, world.projectBody(World.PROJECT, false), JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/projects/" + o, ok, world.projectBody(World.PROJECT, false),
                JSON_TYPE));
        routes.add(new BodyRoute("PATCH", project, ok, "{\"description\":\"patched\"}", MERGE_PATCH));
        routes.add(new BodyRoute("POST", project + "/share", ok,
                "{\"share_with_handle\":\"" + by + "\",\"role\":\"reader\"}", JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/projects/" + o + "/" + transferProject + "/transfer-ownership", ok,
                "{\"new_owner_handle\":\"" + by + "\"}", JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/embeddings/" + o + "/" + World.PROJECT, ok,
                "{\"embeddings\":[" + World.ITEM.formatted(World.DOC, "0.1,0.2,0.3", "de") + "]}", JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/similars/" + o + "/" + World.PROJECT, world.reader().key(),
                "{\"vector\":[0.1,0.2,0.3]}", JSON_TYPE));
        routes.add(new BodyRoute("PUT", definition, ok, World.definitionBody(), JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/llm-definitions/" + o, ok, World.definitionBody(), JSON_TYPE));
        routes.add(new BodyRoute("PATCH", definition, ok, "{\"description\":\"patched\"}", MERGE_PATCH));
        routes.add(new BodyRoute("POST", definition + "/share", ok, "{\"share_with_handle\":\"" + by + "\"}",
                JSON_TYPE));
        routes.add(new BodyRoute("PUT", instance, ok, World.instanceBody(World.INSTANCE), JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/llm-instances/" + o, ok, World.instanceBody(World.INSTANCE),
                JSON_TYPE));
        routes.add(new BodyRoute("PATCH", instance, ok, "{\"description\":\"patched\"}", MERGE_PATCH));
        routes.add(new BodyRoute("POST", "/v1/llm-instances/" + o + "/from-definition", ok,
                "{\"instance_handle\":\"fromdef1\",\"definition_owner\":\"_system\","
                        + "\"definition_handle\":\"openai-small\"}", JSON_TYPE));
        routes.add(new BodyRoute("POST", instance + "/share", ok,
                "{\"share_with_handle\":\"" + by + "\",\"role\":\"reader\"}", JSON_TYPE));
        routes.add(new BodyRoute("PUT", standard, ADMIN_KEY, World.standardBody(world.standard()), JSON_TYPE));
        routes.add(new BodyRoute("POST", "/v1/api-standards", ADMIN_KEY, World.standardBody(world.standard()),
                JSON_TYPE));
        routes.add(new BodyRoute("PATCH", standard, ADMIN_KEY, "{\"description\":\"patched\"}", MERGE_PATCH));
        routes.add(new BodyRoute("POST", "/v1/admin/auditors", ADMIN_KEY, "{\"auditor_handle\":\"newaud1\"}",
                JSON_TYPE));
        return routes;
    }

    @Test
    void everyBodyRouteCoversEveryMappedRouteThatReadsABody() {
        Set<String> covered = new java.util.HashSet<>();
        for (BodyRoute route : bodyRoutes()) {
            covered.add(route.method() + " " + route.path());
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            boolean readsBody = java.util.Arrays.stream(mapping.getValue().getMethodParameters()).anyMatch(p ->
                    p.hasParameterAnnotation(io.embapi.platform.web.JsonBody.class));
            if (!readsBody) {
                continue;
            }
            for (String pattern : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                    String path = fill(pattern, world.pathValues(World.PROJECT));
                    if (pattern.endsWith("/transfer-ownership")) {
                        path = path.replace("/" + World.PROJECT + "/", "/" + transferProject + "/");
                    }
                    if (!covered.contains(method + " " + path)) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("routes reading a JSON body without a row in bodyRoutes()").isEmpty();
        for (BodyRoute route : bodyRoutes()) {
            Response accepted = sendBytes(route.method(), route.path(), route.token(),
                    route.validBody().getBytes(StandardCharsets.UTF_8), route.contentType());
            assertThat(accepted.status()).as("the sample body of %s is valid: %s", route.name(), accepted)
                    .isBetween(200, 299);
        }
    }

    @Test
    void brokenBodiesAreRefusedOnEveryRouteAndChangeNothing() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        for (BodyRoute route : bodyRoutes()) {
            for (Map.Entry<String, UnaryOperator<String>> variant : bodyVariants().entrySet()) {
                String body = variant.getValue().apply(route.validBody());
                if (body == null || body.equals("{}") && route.contentType().equals(MERGE_PATCH)) {
                    continue; // an empty merge patch is a valid patch that changes nothing
                }
                Response response = sendBytes(route.method(), route.path(), route.token(),
                        body.getBytes(StandardCharsets.UTF_8), route.contentType());
                assertRefused(softly, route.name() + " with " + variant.getKey(), response);
            }
            byte[] invalidUtf8 = withInvalidUtf8(route.validBody());
            assertRefused(softly, route.name() + " with invalid UTF-8",
                    sendBytes(route.method(), route.path(), route.token(), invalidUtf8, route.contentType()));
            for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "nonsense", "application/", "text/json")) {
                assertRefused(softly, route.name() + " as " + contentType, sendBytes(route.method(), route.path(),
                        route.token(), route.validBody().getBytes(StandardCharsets.UTF_8), contentType));
            }
            assertRefused(softly, route.name() + " without a body", sendBytes(route.method(), route.path(),
                    route.token(), null, null));
            assertRefused(softly, route.name() + " malformed without a content type", sendBytes(route.method(),
                    route.path(), route.token(), "{\"a\":".getBytes(StandardCharsets.UTF_8), null));
        }
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).as("stored data after refused requests").isEqualTo(before);
    }

    @Test
    void bodiesOverTheSizeLimitAreRefusedBeforeTheyAreRead() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        for (BodyRoute route : bodyRoutes()) {
            Response response = declaredTooLarge(route);
            softly.assertThat(response.status()).as("%s with a body over the limit: %s", route.name(), response)
                    .isEqualTo(413);
            softly.assertThat(response.header("Content-Type")).as(route.name()).startsWith(PROBLEM_JSON);
            softly.assertThat(response.body()).as(route.name()).contains("request body is too large")
                    .doesNotContain("Exception", "\tat ");
        }
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    /** Transformations of a valid body into a broken one; {@code null} where a variant does not apply. */
    private static Map<String, UnaryOperator<String>> bodyVariants() {
        Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
        variants.put("an unterminated object", body -> "{\"a\":");
        variants.put("a bare word", body -> "nul");
        variants.put("single quotes", body -> body.replace('"', '\''));
        variants.put("the body cut in half", body -> body.substring(0, body.length() / 2));
        variants.put("the body cut before its last brace", body -> body.substring(0, body.length() - 1));
        variants.put("trailing garbage", body -> body + "}");
        variants.put("two documents", body -> body + body);
        variants.put("an empty body", body -> "");
        variants.put("whitespace only", body -> "  \n ");
        variants.put("an array", body -> "[" + body + "]");
        variants.put("a string", body -> "\"text\"");
        variants.put("a number", body -> "42");
        variants.put("null", body -> "null");
        variants.put("true", body -> "true");
        variants.put("an empty object", body -> "{}");
        variants.put("NaN literal", body -> "{\"x\":NaN}");
        variants.put("a comment", body -> "/* c */" + body);
        variants.put("10k nested arrays", body -> "[".repeat(DEEP) + "]".repeat(DEEP));
        variants.put("10k nested objects", body -> "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP));
        variants.put("10k nested arrays in an unknown field",
                body -> "{\"zz\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "," + body.substring(1));
        variants.put("an unknown field", body -> "{\"zz_unknown\":1," + body.substring(1));
        variants.put("the first key twice", body -> {
            Map.Entry<String, JsonNode> first = first(body);
            return "{" + JSON.writeValueAsString(first.getKey()) + ":" + JSON.writeValueAsString(first.getValue())
                    + "," + body.substring(1);
        });
        variants.put("the first key twice, differently", body -> {
            Map.Entry<String, JsonNode> first = first(body);
            return "{" + JSON.writeValueAsString(first.getKey()) + ":" + wrongType(first.getValue()) + ","
                    + body.substring(1);
        });
        variants.put("the first value of the wrong type", body -> replaceFirst(body, wrongType(first(body)
                .getValue())));
        variants.put("the first value 10k characters", body -> first(body).getValue().isString()
                ? replaceFirst(body, JSON.writeValueAsString(LONG)) : null);
        for (String hostile : HOSTILE_STRINGS) {
            variants.put("the handle " + JSON.writeValueAsString(hostile.length() > 40 ? "x*10000" : hostile),
                    body -> first(body).getKey().endsWith("_handle")
                            ? replaceFirst(body, JSON.writeValueAsString(hostile)) : null);
        }
        variants.put("a lone surrogate escape in the handle", body -> first(body).getKey().endsWith("_handle")
                ? replaceFirst(body, "\"ab\\ud800cd\"") : null);
        variants.put("a NUL escape in the handle", body -> first(body).getKey().endsWith("_handle")
                ? replaceFirst(body, "\"ab\\u0000cd\"") : null);
        return variants;
    }

    private static Map.Entry<String, JsonNode> first(String body) {
        return JSON.readTree(body).properties().iterator().next();
    }

    private static String replaceFirst(String body, String valueJson) {
        ObjectNode node = (ObjectNode) JSON.readTree(body);
        String key = node.propertyNames().iterator().next();
        StringBuilder json = new StringBuilder("{").append(JSON.writeValueAsString(key)).append(':').append(valueJson);
        node.properties().forEach(e -> {
            if (!e.getKey().equals(key)) {
                json.append(',').append(JSON.writeValueAsString(e.getKey())).append(':')
                        .append(JSON.writeValueAsString(e.getValue()));
            }
        });
        return json.append('}').toString();
    }

    private static String wrongType(JsonNode value) {
        return value.isArray() ? "{\"a\":1}" : "[1]";
    }

    private static byte[] withInvalidUtf8(String body) {
        byte[] valid = body.getBytes(StandardCharsets.UTF_8);
        int quote = body.indexOf('"', body.indexOf(':') + 1);
        byte[] broken = new byte[valid.length + 2];
        System.arraycopy(valid, 0, broken, 0, quote + 1);
        broken[quote + 1] = (byte) 0xC3;
        broken[quote + 2] = (byte) 0x28;
        System.arraycopy(valid, quote + 1, broken, quote + 3, valid.length - quote - 1);
        return broken;
    }

    // ---- vectors ----------------------------------------------------------------------------------------------

    @Test
    void vectorsThatAreNotFiniteHalfPrecisionNumbersOfTheRightLengthAreRefused() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        String upload = "/v1/embeddings/" + world.owner().handle() + "/" + World.PROJECT;
        String search = "/v1/similars/" + world.owner().handle() + "/" + World.PROJECT;
        List<String> vectors = List.of("NaN,0.1,0.2", "\"NaN\",0.1,0.2", "Infinity,0.1,0.2", "-Infinity,0.1,0.2",
                "1e400,0.1,0.2", "-1e400,0.1,0.2", "1e39,0.1,0.2", "70000,0.1,0.2", "-65520,0.1,0.2",
                "null,0.1,0.2", "\"0.1\",0.2,0.3", "[0.1],0.2,0.3", "{},0.2,0.3", "true,0.2,0.3", "0.1,0.2",
                "0.1,0.2,0.3,0.4", "", "0,0,0", "-0,0,-0.0", "1e-50,0,0", "0x10,0.1,0.2", "01,0.1,0.2",
                ".5,0.1,0.2", "0.1,,0.2", "0.1,0.2,0.3,");
        for (String vector : vectors) {
            Response uploaded = call("POST", upload, world.owner().key(), "{\"embeddings\":[{\"text_id\":\"vec-1\","
                    + "\"instance_handle\":\"inst1\",\"vector\":[" + vector + "],\"vector_dim\":3}]}");
            assertRefused(softly, "upload of [" + vector + "]", uploaded);
            Response searched = call("POST", search, world.owner().key(), "{\"vector\":[" + vector + "]}");
            assertRefused(softly, "search by [" + vector + "]", searched);
        }
        for (String dim : List.of("2", "4", "0", "-3", "1e10", "3.5", "\"3\"", "null", "99999999999")) {
            assertRefused(softly, "upload with vector_dim " + dim, call("POST", upload, world.owner().key(),
                    "{\"embeddings\":[{\"text_id\":\"vec-1\",\"instance_handle\":\"inst1\",\"vector\":[0.1,0.2,0.3],"
                            + "\"vector_dim\":" + dim + "}]}"));
        }
        assertRefused(softly, "upload without vector", call("POST", upload, world.owner().key(),
                "{\"embeddings\":[{\"text_id\":\"vec-1\",\"instance_handle\":\"inst1\",\"vector_dim\":3}]}"));
        softly.assertThat(call("POST", upload, world.owner().key(), "{\"embeddings\":[]}").status())
                .as("an empty batch is accepted (as by the reference) and stores nothing").isEqualTo(201);
        assertRefused(softly, "null batch", call("POST", upload, world.owner().key(), "{\"embeddings\":null}"));
        assertRefused(softly, "batch item null", call("POST", upload, world.owner().key(),
                "{\"embeddings\":[null]}"));
        assertRefused(softly, "search without vector", call("POST", search, world.owner().key(), "{}"));
        assertRefused(softly, "search with a null vector", call("POST", search, world.owner().key(),
                "{\"vector\":null}"));
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    // ---- ids, handles, metadata --------------------------------------------------------------------------------

    @Test
    void hostileIdsAndMetadataInUploadsAreRefused() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        String upload = "/v1/embeddings/" + world.owner().handle() + "/" + World.PROJECT;
        Map<String, String> items = new LinkedHashMap<>();
        items.put("a 10k-character text id", item(JSON.writeValueAsString(LONG), "{}"));
        items.put("a 301-character text id", item(JSON.writeValueAsString("y".repeat(301)), "{}"));
        items.put("an empty text id", item("\"\"", "{}"));
        items.put("a null text id", item("null", "{}"));
        items.put("a numeric text id", item("5", "{}"));
        items.put("a NUL in the text id", item("\"ab\\u0000c\"", "{}"));
        items.put("a lone high surrogate in the text id", item("\"ab\\ud800c\"", "{}"));
        items.put("a lone low surrogate in the text id", item("\"ab\\udc00\"", "{}"));
        items.put("metadata an array", item("\"meta-1\"", "[1,2]"));
        items.put("metadata a string", item("\"meta-1\"", "\"x\""));
        items.put("a NUL in a metadata value", item("\"meta-1\"", "{\"a\":\"x\\u0000y\"}"));
        items.put("a NUL in a metadata key", item("\"meta-1\"", "{\"a\\u0000b\":1}"));
        items.put("a lone surrogate in a metadata value", item("\"meta-1\"", "{\"a\":\"x\\ud800\"}"));
        items.put("a lone surrogate in a metadata key", item("\"meta-1\"", "{\"\\udfff\":1}"));
        items.put("metadata nested 10k levels", item("\"meta-1\"", "{\"a\":".repeat(DEEP) + "1"
                + "}".repeat(DEEP)));
        items.put("metadata with 1e400", item("\"meta-1\"", "{\"a\":1e400}"));
        items.put("metadata with NaN", item("\"meta-1\"", "{\"a\":NaN}"));
        items.put("metadata with a duplicate key", item("\"meta-1\"", "{\"a\":1,\"a\":2}"));
        for (Map.Entry<String, String> item : items.entrySet()) {
            assertRefused(softly, "upload with " + item.getKey(), call("POST", upload, world.owner().key(),
                    "{\"embeddings\":[" + item.getValue() + "]}"));
        }
        assertRefused(softly, "text with a NUL", call("POST", upload, world.owner().key(),
                "{\"embeddings\":[{\"text_id\":\"meta-1\",\"instance_handle\":\"inst1\",\"text\":\"a\\u0000b\","
                        + "\"vector\":[0.1,0.2,0.3],\"vector_dim\":3}]}"));
        assertRefused(softly, "a batch whose second item is broken", call("POST", upload, world.owner().key(),
                "{\"embeddings\":[" + item("\"fine-1\"", "{}") + "," + item("\"bad\\u0000\"", "{}") + "]}"));
        assertRefused(softly, "another instance", call("POST", upload, world.owner().key(),
                "{\"embeddings\":[{\"text_id\":\"m\",\"instance_handle\":\"'; drop table x; --\","
                        + "\"vector\":[0.1,0.2,0.3],\"vector_dim\":3}]}"));
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    private static String item(String textIdJson, String metadataJson) {
        return "{\"text_id\":" + textIdJson + ",\"instance_handle\":\"inst1\",\"vector\":[0.1,0.2,0.3],"
                + "\"vector_dim\":3,\"metadata\":" + metadataJson + "}";
    }

    @Test
    void hostileHandlesAndIdsInPathsAreRefusedOnEveryRoute() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        List<String> hostile = new ArrayList<>(HOSTILE_STRINGS);
        hostile.add("..");
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : ourMappings().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.contains("{")) {
                    continue;
                }
                for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                    for (String value : hostile) {
                        for (String variable : variables(pattern)) {
                            if (variable.equals("text_id") && method == RequestMethod.GET) {
                                continue; // checked below: a strange id is a valid id that is not found
                            }
                            Map<String, String> values = world.pathValues(World.PROJECT);
                            values.put(variable, value);
                            String path = fillEncoded(pattern, values);
                            Response response = sendBytes(method.name(), path, ADMIN_KEY,
                                    "{}".getBytes(StandardCharsets.UTF_8), JSON_TYPE);
                            assertRefused(softly, method + " " + pattern + " with " + variable + " = "
                                    + abbreviate(value), response);
                        }
                    }
                }
            }
        }
        String path = "/v1/embeddings/" + world.owner().handle() + "/" + World.PROJECT + "/";
        for (String id : List.of("'; drop table embedding_view; --", "%", "_", "\\", "\u202Eabc", "\uD83D\uDE00",
                "a\u0000b", LONG, "doc-%", "doc_1")) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            assertRefused(softly, "GET embedding " + abbreviate(id), call("GET", path + encoded,
                    world.owner().key(), null));
            assertRefused(softly, "GET similar to " + abbreviate(id), call("GET", "/v1/similars/"
                    + world.owner().handle() + "/" + World.PROJECT + "/" + encoded, world.owner().key(), null));
            assertRefused(softly, "GET history of " + abbreviate(id), call("GET", path + encoded + "/history",
                    world.owner().key(), null));
            assertRefused(softly, "DELETE embedding " + abbreviate(id), call("DELETE", path + encoded,
                    world.owner().key(), null));
        }
        for (String raw : List.of("%ZZ", "%", "%C3%28", "%ED%A0%80", "%00", "a%2F..%2F..", "a b", "a\tb")) {
            assertRefused(softly, "GET embedding " + raw, raw("GET " + path + raw + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + port + "\r\nAuthorization: Bearer " + world.owner().key() + "\r\nConnection: close\r\n\r\n"));
        }
        assertRefused(softly, "a request line over Tomcat's limit", call("GET", path + "z".repeat(20_000),
                world.owner().key(), null));
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    // ---- metadata filters and paging ---------------------------------------------------------------------------

    @Test
    void hostileMetadataFiltersAreRefusedOrMatchLiterally() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        String search = "/v1/similars/" + world.owner().handle() + "/" + World.PROJECT;
        String byId = search + "/" + World.DOC;
        List<String> refused = List.of("[]", "\"x\"", "5", "{\"must\":5}", "{\"must\":[5]}", "{\"must\":[{}]}",
                "{\"must\":[{\"key\":\"lang\"}]}", "{\"must\":[{\"key\":\"lang\",\"equals\":{\"a\":1}}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":[1]}]}", "{\"must\":[{\"key\":\"lang\",\"equals\":null}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":\"de\",\"exists\":true}]}",
                "{\"must\":[{\"key\":\"lang\",\"in\":" + hundredAndOne() + "}]}",
                "{\"must\":[{\"key\":\"lang\",\"in\":[[1]]}]}", "{\"must\":[{\"key\":\"lang\",\"exists\":\"yes\"}]}",
                "{\"must\":[{\"key\":\"\",\"equals\":\"de\"}]}", "{\"must\":[{\"key\":5,\"equals\":\"de\"}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":1e400}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":\"de\",\"zz\":1}]}", "{\"should\":[]}",
                "{\"must\":[{\"key\":\"a\\u0000b\",\"equals\":\"de\"}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":\"d\\u0000e\"}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":\"d\\ud800e\"}]}",
                "{\"must\":[{\"key\":\"" + LONG + "\",\"equals\":\"de\"}]}",
                "{\"must\":[{\"key\":\"lang\",\"equals\":\"de\"}],\"must\":[]}",
                "{\"must\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}",
                "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP), "{\"must\":[", "not json");
        for (String filter : refused) {
            assertRefused(softly, "POST search with filter " + abbreviate(filter), call("POST", search,
                    world.reader().key(), "{\"vector\":[0.1,0.2,0.3],\"filter\":" + filter + "}"));
            String query = "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
            assertRefused(softly, "GET search with ?filter=" + abbreviate(filter), call("GET", byId + query,
                    world.reader().key(), null));
        }
        // Valid filters full of SQL and wildcard characters: bound as values, they match nothing (404), never
        // everything, and never break the statement.
        for (String text : List.of("'; drop table embedding_view; --", "%", "_", "\\", "de%", "d_", "\\\\'",
                "\u202Ede", "e\u0301", "\uD83D\uDE00", "$.lang", "lang') OR ('1'='1", "/lang/0")) {
            String quoted = JSON.writeValueAsString(text);
            for (String filter : List.of("{\"must\":[{\"key\":\"lang\",\"equals\":" + quoted + "}]}",
                    "{\"must\":[{\"key\":" + quoted + ",\"exists\":true}]}",
                    "{\"must\":[{\"key\":\"lang\",\"in\":[" + quoted + "]}]}")) {
                Response response = call("POST", search + "?threshold=0", world.reader().key(),
                        "{\"vector\":[0.1,0.2,0.3],\"filter\":" + filter + "}");
                assertRefused(softly, "search with " + filter, response);
                softly.assertThat(response.status()).as("literal filter %s: %s", filter, response).isEqualTo(404);
            }
            Response excluded = call("GET", byId + "?threshold=0&metadata_path=" + URLEncoder.encode(text,
                    StandardCharsets.UTF_8) + "&metadata_value=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
                    world.reader().key(), null);
            softly.assertThat(excluded.status()).as("exclusion by %s: %s", text, excluded).isEqualTo(200);
            softly.assertThat(excluded.body()).as("exclusion by %s", text).contains("doc-2");
        }
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    private static String hundredAndOne() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            values.add("\"v" + i + "\"");
        }
        return "[" + String.join(",", values) + "]";
    }

    @Test
    void pagingAndThresholdValuesOutOfRangeAreRefusedOnEveryListAndSearch() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        String o = world.owner().handle();
        List<String> lists = List.of("/v1/users", "/v1/embeddings/" + o + "/" + World.PROJECT,
                "/v1/similars/" + o + "/" + World.PROJECT + "/" + World.DOC, "/v1/audit/events",
                "/v1/users/" + o + "/history", "/v1/projects/" + o + "/" + World.PROJECT + "/history",
                "/v1/embeddings/" + o + "/" + World.PROJECT + "/" + World.DOC + "/history",
                "/v1/admin/processors/user-view/dead-letters");
        List<String> values = List.of("0", "-1", "-0", "201", "1001", "2147483648", "-2147483649",
                "99999999999999999999", "1e3", "1.5", "NaN", "Infinity", "abc", "", "%00", "0x10", "%20", "1%2C2");
        for (String list : lists) {
            for (String parameter : List.of("limit", "offset", "after")) {
                for (String value : values) {
                    Response response = call("GET", list + "?" + parameter + "=" + value, ADMIN_KEY, null);
                    if (response.status() == 200) {
                        softly.assertThat(mustRefuse(list, parameter, value)).as("GET %s?%s=%s answered 200", list,
                                parameter, value).isFalse();
                    } else {
                        assertRefused(softly, "GET " + list + "?" + parameter + "=" + value, response);
                    }
                }
            }
        }
        String similar = "/v1/similars/" + o + "/" + World.PROJECT;
        for (String query : List.of("count=0", "count=-1", "count=201", "count=99999999999999999999", "count=x",
                "threshold=-0.1", "threshold=1.5", "threshold=NaN", "threshold=Infinity", "threshold=-Infinity",
                "threshold=1e400", "threshold=x", "limit=0&count=0", "metadata_path=lang", "metadata_value=de",
                "metadata_path=&metadata_value=x%00")) {
            assertRefused(softly, "GET similar ?" + query, call("GET", similar + "/" + World.DOC + "?" + query,
                    world.reader().key(), null));
            assertRefused(softly, "POST similar ?" + query, call("POST", similar + "?" + query,
                    world.reader().key(), "{\"vector\":[0.1,0.2,0.3]}"));
        }
        for (String query : List.of("as_of=yesterday", "as_of=9999-12-31T00:00:00Z", "as_of=", "as_of=%00",
                "as_of=1970-01-01T00:00:00Z")) {
            assertRefused(softly, "GET embeddings ?" + query, call("GET", "/v1/embeddings/" + o + "/"
                    + World.PROJECT + "?" + query, world.owner().key(), null));
            assertRefused(softly, "GET project ?" + query, call("GET", "/v1/projects/" + o + "/" + World.PROJECT
                    + "?" + query, world.owner().key(), null));
        }
        for (String query : List.of("from=yesterday", "to=x", "after=-1", "resource=%00", "actor=%00",
                "type=%00", "resource=" + LONG)) {
            Response response = call("GET", "/v1/audit/events?" + query, ADMIN_KEY, null);
            if (response.status() != 200) {
                assertRefused(softly, "GET audit events ?" + query, response);
            }
        }
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    /**
     * Whether a list must refuse this value: every malformed or out-of-range {@code limit} (lists allow 1..200, the
     * audit, history and dead-letter lists 1..1000), every malformed or negative {@code offset} on the lists that
     * page by offset. An empty value means the default; {@code after} is only required not to fail.
     */
    private static boolean mustRefuse(String list, String parameter, String value) {
        if (value.isEmpty() || value.equals("%20") || value.equals("0x10")) {
            return false; // the default; Spring reads 0x10 as 16
        }
        boolean thousand = list.contains("/audit/") || list.contains("/history") || list.contains("/dead-letters");
        return switch (parameter) {
            case "limit" -> !(value.equals("201") && thousand);
            case "offset" -> !thousand && !Set.of("0", "-0", "201", "1001").contains(value);
            default -> false;
        };
    }

    // ---- methods ------------------------------------------------------------------------------------------------

    @Test
    void wrongMethodsAreRefusedOnEveryRoute() {
        Map<String, String> before = StoredState.settled(jdbc);
        SoftAssertions softly = new SoftAssertions();
        Map<String, Set<RequestMethod>> byPattern = new TreeMap<>();
        ourMappings().forEach((info, handler) -> info.getPatternValues().forEach(pattern ->
                byPattern.computeIfAbsent(pattern, p -> new java.util.HashSet<>())
                        .addAll(info.getMethodsCondition().getMethods())));
        byPattern.forEach((pattern, methods) -> {
            String path = fill(pattern, world.pathValues(World.PROJECT));
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH", "TRACE", "FOO")) {
                boolean served = byPattern.entrySet().stream().anyMatch(other -> matchesLiteral(other.getKey(), path)
                        && other.getValue().stream().anyMatch(m -> m.name().equals(method)));
                if (served) {
                    continue; // e.g. PUT …/from-definition is the instance PUT with the handle "from-definition"
                }
                Response response = sendBytes(method, path, ADMIN_KEY, "{}".getBytes(StandardCharsets.UTF_8),
                        JSON_TYPE);
                softly.assertThat(response.status()).as("%s %s: %s", method, pattern, response).isIn(405, 501);
                if (!method.equals("TRACE") && !method.equals("FOO")) {
                    assertRefused(softly, method + " " + pattern, response);
                }
            }
        });
        softly.assertAll();
        assertThat(StoredState.settled(jdbc)).isEqualTo(before);
    }

    private static boolean matchesLiteral(String pattern, String path) {
        return path.matches(pattern.replaceAll("\\{[^}]+}", "[^/]+"));
    }

    // ---- unusual but valid values ------------------------------------------------------------------------------

    @Test
    void unusualButValidIdsAndMetadataAreStoredVerbatimWithOneEventPerAcceptedRequest() {
        String project = "odd1";
        World.expect(call("PUT", "/v1/projects/" + world.owner().handle() + "/" + project, world.owner().key(),
                world.projectBody(project, false)), 201);
        String upload = "/v1/embeddings/" + world.owner().handle() + "/" + project;
        List<String> ids = List.of("'; drop table embedding_view; --", "100%", "a_b", "back\\slash", "\u202Ertl",
                "e\u0301", "\uD83D\uDE00 emoji", "שלום", "quote\"d", "y".repeat(300), "-0", "%2F");
        long eventsBefore = StoredState.events(jdbc);
        SoftAssertions softly = new SoftAssertions();
        int accepted = 0;
        for (String id : ids) {
            String metadata = "{" + JSON.writeValueAsString(id) + ":" + JSON.writeValueAsString(id)
                    + ",\"deep\":" + "[".repeat(100) + "]".repeat(100) + ",\"zero\":-0}";
            Response response = call("POST", upload, world.owner().key(), "{\"embeddings\":[{\"text_id\":"
                    + JSON.writeValueAsString(id) + ",\"instance_handle\":\"inst1\",\"text\":" + JSON
                    .writeValueAsString(id) + ",\"vector\":[0.1,-0,0.3],\"vector_dim\":3,\"metadata\":" + metadata
                    + "}]}");
            softly.assertThat(response.status()).as("upload of %s: %s", id, response).isEqualTo(201);
            if (response.status() == 201) {
                accepted++;
            }
        }
        softly.assertThat(StoredState.events(jdbc)).as("one event per accepted upload")
                .isEqualTo(eventsBefore + accepted);
        for (String id : ids) {
            JsonNode stored = jdbc.queryForObject("SELECT jsonb_build_object('text_id', text_id, 'text', text, "
                            + "'metadata', metadata)::text FROM embedding_view v JOIN project_view p "
                            + "ON p.project_id = v.project_id WHERE p.owner = ? AND p.project_handle = ? AND "
                            + "jsonb_exists(v.metadata, ?)", (rs, i) -> JSON.readTree(rs.getString(1)),
                    world.owner().handle(), project, id);
            softly.assertThat(stored.get("metadata").get(id).stringValue()).as("metadata of %s", id).isEqualTo(id);
            softly.assertThat(stored.get("text").stringValue()).as("text of %s", id).isEqualTo(id);
            Response filtered = call("POST", "/v1/similars/" + world.owner().handle() + "/" + project
                    + "?threshold=0&limit=200", world.owner().key(), "{\"vector\":[0.1,0.2,0.3],\"filter\":{\"must\":"
                    + "[{\"key\":" + JSON.writeValueAsString(pointer(id)) + ",\"equals\":"
                    + JSON.writeValueAsString(id) + "}]}}");
            softly.assertThat(filtered.status()).as("search by %s: %s", id, filtered).isEqualTo(200);
            if (filtered.status() == 200) {
                softly.assertThat(filtered.json().get("results").size()).as("exactly the one match for %s", id)
                        .isEqualTo(1);
            }
        }
        Response listed = call("GET", upload + "?limit=200", world.owner().key(), null);
        softly.assertThat(listed.status()).as("list: %s", listed).isEqualTo(200);
        softly.assertAll();
    }

    /** A JSON pointer to the top-level key {@code key} (RFC 6901 escapes). */
    private static String pointer(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** 4xx, problem JSON whose status field is the HTTP status, with a detail, nothing internal. */
    static void assertRefused(SoftAssertions softly, String what, Response response) {
        softly.assertThat(response.status()).as("%s: %s", what, response).isBetween(400, 499);
        softly.assertThat(response.header("Content-Type")).as("content type of %s: %s", what, response)
                .startsWith(PROBLEM_JSON);
        JsonNode body;
        try {
            body = response.json();
        } catch (RuntimeException e) {
            softly.fail("%s: the body is not JSON: %s", what, response);
            return;
        }
        softly.assertThat(body.path("status").isInt() ? body.get("status").intValue() : -1)
                .as("status field of %s", what).isEqualTo(response.status());
        softly.assertThat(body.path("detail").isString()).as("detail of %s: %s", what, response).isTrue();
        softly.assertThat(response.body()).as("body of %s", what).doesNotContain("Exception", "\tat ",
                "at io.embapi", "at org.", "java.", "jakarta.", "org.springframework", "org.axonframework",
                "tools.jackson", "com.fasterxml", "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "SQL", "PSQL",
                "postgres", "trace");
    }

    private Map<RequestMappingInfo, HandlerMethod> ourMappings() {
        Map<RequestMappingInfo, HandlerMethod> ours = new LinkedHashMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("io.embapi.")) {
                ours.put(info, handler);
            }
        });
        return ours;
    }

    private static List<String> variables(String pattern) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String fill(String pattern, Map<String, String> values) {
        String path = pattern;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(path).as("every path variable has a value: " + pattern).doesNotContain("{");
        return path;
    }

    private static String fillEncoded(String pattern, Map<String, String> values) {
        Map<String, String> encoded = new LinkedHashMap<>();
        values.forEach((k, v) -> encoded.put(k, URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return fill(pattern, encoded);
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 60 ? text.substring(0, 30) + "…(" + text.length() + " chars)" : text;
        return JSON.writeValueAsString(shown);
    }

    private Response sendBytes(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    /** Whether a raw answer is complete: its head, and the body its Content-Length or chunked encoding promises. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
                .matcher(text.substring(0, end));
        if (length.find()) {
            return text.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        return text.endsWith("0\r\n\r\n");
    }

    /** Declares a body one byte over the 64 MB limit and sends none of it: the answer must come at once. */
    private Response declaredTooLarge(BodyRoute route) {
        return raw(route.method() + " " + route.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: Bearer " + route.token() + "\r\nContent-Type: " + route.contentType()
                + "\r\nContent-Length: " + (64L * 1024 * 1024 + 1) + "\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code head} as is (no client-side checks of the URI) and reads the answer. */
    private Response raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
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
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            int status = lines[0].split(" ").length > 1 ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
            String body = end < 0 ? "" : text.substring(end + 4);
            if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                body = dechunk(body);
            }
            return new Response(status, body, HttpHeaders.of(headers, (a, b) -> true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
