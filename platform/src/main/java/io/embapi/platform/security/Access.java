package io.embapi.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which credential schemes an operation accepts. Every operation of the service carries either this or
 * {@link PublicAccess}; an operation with neither is refused (and the architecture test fails).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Access {
    Scheme[] value();
}
