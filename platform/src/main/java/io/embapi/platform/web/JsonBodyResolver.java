package io.embapi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads, checks and binds {@link JsonBody} parameters. Authentication has already run (401 beats 422). A key that
 * appears twice in one object is refused (400) rather than resolved by "last one wins": a proxy or client library
 * that reads the first would disagree with what is stored. Text PostgreSQL cannot store is refused too
 * ({@link StorableText}).
 */
class JsonBodyResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;
    private final RequestBodies bodies;

    JsonBodyResolver(JsonMapper mapper, RequestBodies bodies) {
        this.mapper = mapper;
        this.bodies = bodies;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(JsonBody.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        requireJson(request.getContentType());
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode node;
        try {
            node = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + JsonSyntax.describe(e));
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("request body is required");
        }
        StorableText.require(node, "body");
        Class<?> type = parameter.getParameterType();
        if (type == JsonNode.class) {
            return node;
        }
        return bodies.bind(node, type);
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid Content-Type header");
        }
        boolean json = MediaType.APPLICATION_JSON.includes(type)
                || type.getSubtype().endsWith("+json") && "application".equals(type.getType());
        if (!json) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "request body must be JSON (Content-Type: application/json), not " + type);
        }
    }
}
