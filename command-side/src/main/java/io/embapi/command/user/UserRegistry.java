package io.embapi.command.user;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserForgottenEvent;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code user_registry} lookup table: which users exist, their key hash (read by authentication) and their
 * e-mail for uniqueness. Updated in the command's transaction; the unique constraints settle races between
 * concurrent registrations.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.USER_REGISTRY)
class UserRegistry implements UserDirectory {

    private final JdbcTemplate jdbc;
    private final PersonalDataProtector protector;

    UserRegistry(JdbcTemplate jdbc, PersonalDataProtector protector) {
        this.jdbc = jdbc;
        this.protector = protector;
    }

    @Override
    public boolean exists(String userHandle) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM user_registry WHERE user_handle = ?",
                Integer.class, userHandle);
        return count != null && count > 0;
    }

    @Override
    public boolean emailInUseByOther(String email, String userHandle) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM user_registry WHERE email_key = ? AND user_handle <> ?",
                Integer.class, emailKey(email), userHandle);
        return count != null && count > 0;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        String email = protector.open(event.personalData()).map(PersonalDataProtector.PersonalData::email).orElse(null);
        jdbc.update("""
                INSERT INTO user_registry (user_handle, email_key, key_hash) VALUES (?, ?, ?)
                ON CONFLICT (user_handle) DO UPDATE
                SET email_key = EXCLUDED.email_key, key_hash = EXCLUDED.key_hash, updated_at = now()
                """, event.userHandle(), emailKey(email), event.keyHash());
    }

    @EventHandler
    void on(UserProfileChangedEvent event) {
        String email = protector.open(event.personalData()).map(PersonalDataProtector.PersonalData::email).orElse(null);
        jdbc.update("UPDATE user_registry SET email_key = ?, updated_at = now() WHERE user_handle = ?",
                emailKey(email), event.userHandle());
    }

    @EventHandler
    void on(UserKeyRotatedEvent event) {
        jdbc.update("UPDATE user_registry SET key_hash = ?, updated_at = now() WHERE user_handle = ?",
                event.keyHash(), event.userHandle());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        jdbc.update("DELETE FROM user_registry WHERE user_handle = ?", event.userHandle());
    }

    /** The e-mail uniqueness entry is personal data too; deletion removed it already, this makes sure. */
    @EventHandler
    void on(UserForgottenEvent event) {
        jdbc.update("DELETE FROM user_registry WHERE user_handle = ?", event.userHandle());
    }

    static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
