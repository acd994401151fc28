package io.embapi.platform.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Service settings ({@code embapi.*}); the application.yml maps the reference's environment variables onto them.
 *
 * @param adminKey              the admin bearer token ({@code SERVICE_ADMINKEY}); required, never logged
 * @param encryptionKey         master key material ({@code ENCRYPTION_KEY}); required, never logged
 * @param encryptionKeyPrevious the previous master key during a rotation ({@code ENCRYPTION_KEY_PREVIOUS})
 * @param verbose               log authentication decisions ({@code SERVICE_VERBOSE})
 * @param debug                 debug logging for the service's own packages ({@code SERVICE_DEBUG})
 * @param maxRequestBody        largest accepted request body; larger ones get 413
 * @param manifest              what {@code GET /v1} says about the service
 * @param consistency           read-your-writes: how long a write waits for the projections
 * @param adminKeyPrevious      the admin key before a rotation ({@code SERVICE_ADMINKEY_PREVIOUS}); accepted, with a
 *                              warning per use, until {@code adminKeyPreviousUntil}; never logged
 * @param adminKeyPreviousUntil when the previous admin key stops working ({@code SERVICE_ADMINKEY_PREVIOUS_UNTIL})
 * @param allowWeakKeys         start with short or patterned keys ({@code EMBAPI_ALLOW_WEAK_KEYS}; development only)
 */
@ConfigurationProperties("embapi")
public record EmbapiProperties(
        String adminKey,
        String encryptionKey,
        String encryptionKeyPrevious,
        @DefaultValue("false") boolean verbose,
        @DefaultValue("false") boolean debug,
        @DefaultValue("64MB") DataSize maxRequestBody,
        @DefaultValue Manifest manifest,
        @DefaultValue Consistency consistency,
        String adminKeyPrevious,
        Instant adminKeyPreviousUntil,
        @DefaultValue("false") boolean allowWeakKeys) {

    public record Manifest(
            @DefaultValue("DHaMPS Vector Database API") String name,
            @DefaultValue("PostgreSQL-backed vector database with pgvector support, providing a RESTful API for "
                    + "managing embeddings in Retrieval Augmented Generation (RAG) workflows") String description,
            @DefaultValue("https://mpilhlt.github.io/embapi/") String documentation,
            @DefaultValue("0.0.1") String serviceVersion) {
    }

    /**
     * @param timeout    the longest a successful write waits for the projections before answering anyway
     * @param processors the streaming processors a write waits for; empty means every one this JVM runs
     */
    public record Consistency(
            @DefaultValue("5s") Duration timeout,
            @DefaultValue List<String> processors) {
    }

    @Override
    public String toString() {
        return "EmbapiProperties[adminKey=***, encryptionKey=***, adminKeyPrevious=***, adminKeyPreviousUntil="
                + adminKeyPreviousUntil + ", verbose=" + verbose + ", debug=" + debug + "]";
    }
}
