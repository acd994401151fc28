package io.embapi.platform.security;

import io.embapi.platform.cache.ChangeAwareCache;
import io.embapi.platform.cache.TableChanges;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads key hashes for authentication from {@code user_registry}, the lookup table the command side maintains in
 * the same transaction as the user events, so a rotated or deleted key stops working the moment the command
 * commits. Cached per node ({@link TableChanges}): the command's own node drops the entry before answering, the
 * others when the change notification arrives.
 */
@Component
public class CredentialDirectory {

    private final JdbcTemplate jdbc;
    private final ChangeAwareCache<String, Optional<String>> cache;

    CredentialDirectory(JdbcTemplate jdbc, TableChanges changes) {
        this.jdbc = jdbc;
        this.cache = changes.cache("embapi.credentials", 10_000, Set.of("user_registry"));
    }

    public Optional<String> keyHashOf(String userHandle) {
        return cache.get(userHandle, this::read);
    }

    private Optional<String> read(String userHandle) {
        List<String> hashes = jdbc.queryForList(
                "SELECT key_hash FROM user_registry WHERE user_handle = ? AND key_hash IS NOT NULL",
                String.class, userHandle);
        return hashes.stream().findFirst();
    }
}
