package io.embapi.platform.security;

import io.embapi.platform.cache.ChangeAwareCache;
import io.embapi.platform.cache.TableChanges;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The AUDITOR step: the presented key's SHA-256 looked up in {@code auditor_registry}, the command-side lookup
 * table written in the same transaction as the auditor events. Cached per node by key hash ({@link TableChanges}),
 * so a revocation is refused at the next request on the revoking node and within a notification on the others.
 * The interceptor also asks {@link #auditorOf(String)} on every write, to refuse auditor keys with 403.
 */
@Component
public class AuditorAuthenticator implements SchemeAuthenticator {

    private final JdbcTemplate jdbc;
    private final ChangeAwareCache<String, Optional<String>> cache;

    AuditorAuthenticator(JdbcTemplate jdbc, TableChanges changes) {
        this.jdbc = jdbc;
        this.cache = changes.cache("embapi.auditors", 10_000, Set.of("auditor_registry"));
    }

    @Override
    public Scheme scheme() {
        return Scheme.AUDITOR;
    }

    @Override
    public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
        return auditorOf(token).map(Caller::auditor);
    }

    /** The handle of the active auditor whose key {@code token} is, or empty. */
    public Optional<String> auditorOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        // Looked up by hash: equality on a SHA-256 of a 256-bit random key reveals nothing about the key.
        return cache.get(ApiKeys.hash(token), this::read);
    }

    private Optional<String> read(String keyHash) {
        List<String> handles = jdbc.queryForList(
                "SELECT auditor_handle FROM auditor_registry WHERE key_hash = ?", String.class, keyHash);
        return handles.stream().findFirst();
    }
}
