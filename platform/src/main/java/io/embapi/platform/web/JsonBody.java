package io.embapi.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JSON request body bound to a record after strict validation: unknown properties, missing required properties
 * and wrong JSON types are all reported together as one 422, then Bean Validation constraints are checked. Fields
 * are required when their {@code @Schema} says so; the same annotations drive the OpenAPI document.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonBody {
}
