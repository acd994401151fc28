package io.embapi.platform.privacy;

import io.embapi.platform.crypto.AesGcm;
import io.embapi.platform.crypto.MasterKeyring;
import io.embapi.shared.privacy.SealedPersonalData;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-subject data keys in {@code personal_data_key}, each wrapped under the current master key, and AES-256-GCM
 * sealing of personal fields with them. Each sealed field is bound to its key id and field name, so ciphertexts
 * cannot be swapped between fields or subjects. Key rows are written in the caller's transaction.
 */
@Component
class PersonalDataVault implements PersonalDataProtector {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKeyring masterKeys;
    private final Map<String, SecretKey> unwrapped = new ConcurrentHashMap<>();

    PersonalDataVault(JdbcTemplate jdbc, MasterKeyring masterKeys) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
    }

    @Override
    public SealedPersonalData sealForNewSubject(String subject, String name, String email) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        String keyId = UUID.randomUUID().toString();
        byte[] wrapped = AesGcm.seal(masterKeys.current(), material, keyId.getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO personal_data_key (key_id, subject, master_key_id, wrapped_key) VALUES (?, ?, ?, ?)",
                UUID.fromString(keyId), subject, masterKeys.currentId(), wrapped);
        SecretKey key = new SecretKeySpec(material, "AES");
        unwrapped.put(keyId, key);
        return seal(keyId, key, name, email);
    }

    @Override
    public SealedPersonalData reseal(String keyId, String name, String email) {
        SecretKey key = dataKey(keyId)
                .orElseThrow(() -> new IllegalStateException("personal data key " + keyId + " no longer exists"));
        return seal(keyId, key, name, email);
    }

    @Override
    public Optional<PersonalData> open(SealedPersonalData sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return dataKey(sealed.keyId()).map(key -> new PersonalData(
                openField(key, sealed.keyId(), "name", sealed.name()),
                openField(key, sealed.keyId(), "email", sealed.email())));
    }

    private static SealedPersonalData seal(String keyId, SecretKey key, String name, String email) {
        return new SealedPersonalData(keyId, sealField(key, keyId, "name", name), sealField(key, keyId, "email", email));
    }

    private static String sealField(SecretKey key, String keyId, String field, String value) {
        if (value == null) {
            return null;
        }
        byte[] sealed = AesGcm.seal(key, value.getBytes(StandardCharsets.UTF_8), context(keyId, field));
        return Base64.getEncoder().encodeToString(sealed);
    }

    private static String openField(SecretKey key, String keyId, String field, String value) {
        if (value == null) {
            return null;
        }
        byte[] clear = AesGcm.open(key, Base64.getDecoder().decode(value), context(keyId, field));
        return new String(clear, StandardCharsets.UTF_8);
    }

    private static byte[] context(String keyId, String field) {
        return (keyId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private Optional<SecretKey> dataKey(String keyId) {
        SecretKey cached = unwrapped.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<SecretKey> found = jdbc.query(
                "SELECT master_key_id, wrapped_key FROM personal_data_key WHERE key_id = ?",
                (rs, i) -> unwrap(keyId, rs.getString(1), rs.getBytes(2)),
                UUID.fromString(keyId));
        found.forEach(key -> unwrapped.put(keyId, key));
        return found.stream().findFirst();
    }

    private SecretKey unwrap(String keyId, String masterKeyId, byte[] wrapped) {
        SecretKey master = masterKeys.byId(masterKeyId).orElseThrow(() -> new IllegalStateException(
                "personal data key " + keyId + " is wrapped under master key " + masterKeyId
                        + ", which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS"));
        byte[] material = AesGcm.open(master, wrapped, keyId.getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(material, "AES");
    }

    /** Forgets cached keys, e.g. after a key row was deleted by another node. */
    void evict(String keyId) {
        unwrapped.remove(keyId);
    }
}
