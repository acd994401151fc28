package io.embapi.platform.seed;

/**
 * Built-in data registered through the normal command path (so it has events like everything else): the
 * {@code _system} user, the API standards, the {@code _system} definitions. Seeds are idempotent and run in their
 * {@link org.springframework.core.annotation.Order} at start-up and after an admin reset.
 */
public interface Seed {

    void seed();
}
