package io.embapi.platform.security;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads key hashes for authentication from {@code user_registry}, the lookup table the command side maintains in
 * the same transaction as the user events, so a rotated or deleted key stops working the moment the command
 * commits, on every node.
 */
@Component
public class CredentialDirectory {

    private final JdbcTemplate jdbc;

    CredentialDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> keyHashOf(String userHandle) {
        List<String> hashes = jdbc.queryForList(
                "SELECT key_hash FROM user_registry WHERE user_handle = ? AND key_hash IS NOT NULL",
                String.class, userHandle);
        return hashes.stream().findFirst();
    }
}
