package io.embapi.platform.web;

import io.embapi.platform.config.EmbapiProperties;
import io.embapi.platform.security.PublicAccess;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The OpenAPI document generated from the code ({@code /openapi.json}, {@code /openapi.yaml}) and Swagger UI at
 * {@code /docs}. Every key is a bearer token; which one an operation accepts is in its description.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocumentation {

    @Bean
    OpenAPI embapiOpenApi(EmbapiProperties properties) {
        SecurityScheme bearer = new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The admin key, or a user's key (64 hex characters)");
        return new OpenAPI()
                .info(new Info().title(properties.manifest().name())
                        .version(properties.manifest().serviceVersion())
                        .description(properties.manifest().description()))
                .components(new Components().addSecuritySchemes("bearer", bearer))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * {@link JsonBody} parameters are request bodies (springdoc would list them as query parameters), and every
     * operation can answer with a problem document.
     */
    @Bean
    OperationCustomizer jsonBodiesAndProblems() {
        return (operation, handlerMethod) -> {
            for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(JsonBody.class)) {
                    String name = parameter.getParameterName();
                    if (operation.getParameters() != null) {
                        operation.getParameters().removeIf(p -> "query".equals(p.getIn()) && p.getName().equals(name));
                    }
                    Schema<?> body = new Schema<>().$ref(schemaName(parameter.getParameterType()));
                    operation.requestBody(new RequestBody().required(true).content(new Content()
                            .addMediaType("application/json", new MediaType().schema(body))));
                }
            }
            Schema<?> problem = new Schema<>().$ref("ApiProblem");
            operation.getResponses().addApiResponse("default", new ApiResponse()
                    .description("Error (RFC 7807); 422 carries errors[] of {message, location, value}")
                    .content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem))));
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemSchema() {
        return openApi -> openApi.getComponents().addSchemas("ApiProblem",
                ModelConverters.getInstance().readAllAsResolvedSchema(ApiProblem.class).schema);
    }

    private static String schemaName(Class<?> type) {
        io.swagger.v3.oas.annotations.media.Schema schema =
                type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    @Controller
    static class YamlAlias {

        @GetMapping("/openapi.yaml")
        @PublicAccess
        String yaml() {
            return "forward:/openapi.json.yaml";
        }
    }
}
