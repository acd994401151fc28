package io.embapi.platform.privacy;

import io.embapi.platform.cache.ChangeAwareCache;
import io.embapi.platform.cache.TableChanges;
import io.embapi.platform.crypto.AesGcm;
import io.embapi.platform.crypto.MasterKeyring;
import io.embapi.shared.privacy.SealedPersonalData;
import io.embapi.shared.privacy.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Data keys in {@code data_key}, each wrapped (AES-256-GCM) under a master key, and AES-256-GCM sealing with them:
 * of personal fields (one key per registered subject, bound to key id and field name, so ciphertexts cannot be
 * swapped) and of secrets such as provider API keys (one key per sealed secret). Key rows are written in the
 * caller's transaction. Rotating the master key re-wraps these rows and never touches the events.
 *
 * <p>Unwrapped keys are cached per node in a {@link ChangeAwareCache} over {@code data_key}: a deleted key (a
 * forgotten user, migration V19's trigger announces every deletion) empties the cache on every node, and while the
 * change listener is down nothing is cached, so a shredded key is never served from memory.
 */
@Component
class DataKeyVault implements PersonalDataProtector, SecretProtector {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKeyring masterKeys;
    private final ChangeAwareCache<String, SecretKey> unwrapped;

    DataKeyVault(JdbcTemplate jdbc, MasterKeyring masterKeys, TableChanges changes) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.unwrapped = changes.cache("embapi.data-keys", 10_000, Set.of("data_key"));
    }

    @Override
    public SealedPersonalData sealForNewSubject(String subject, String name, String email) {
        NewKey key = newDataKey(subject);
        return seal(key.id(), key.key(), name, email);
    }

    @Override
    public SealedSecret seal(String subject, String secret) {
        NewKey key = newDataKey(subject);
        byte[] sealed = AesGcm.seal(key.key(), secret.getBytes(StandardCharsets.UTF_8), context(key.id(), "secret"));
        return new SealedSecret(key.id(), Base64.getEncoder().encodeToString(sealed));
    }

    @Override
    public List<String> forget(String subject, Collection<String> keyIds) {
        UUID[] ids = keyIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        return jdbc.queryForList("""
                WITH deleted AS (DELETE FROM data_key WHERE subject = ? OR key_id = ANY (?) RETURNING key_id)
                SELECT key_id::text FROM deleted ORDER BY 1
                """, String.class, subject, ids);
    }

    @Override
    public Optional<String> open(SealedSecret sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return dataKey(sealed.keyId()).map(key -> openField(key, sealed.keyId(), "secret", sealed.ciphertext()));
    }

    /** Re-wraps every data key not yet under the current master key; answers how many were re-wrapped. */
    int rewrapUnderCurrentMasterKey() {
        List<Object[]> stale = jdbc.query(
                "SELECT key_id, master_key_id, wrapped_key FROM data_key WHERE master_key_id <> ? FOR UPDATE",
                (rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)},
                masterKeys.currentId());
        for (Object[] row : stale) {
            String keyId = row[0].toString();
            SecretKey key = unwrap(keyId, (String) row[1], (byte[]) row[2]);
            byte[] wrapped = AesGcm.seal(masterKeys.current(), key.getEncoded(),
                    keyId.getBytes(StandardCharsets.UTF_8));
            jdbc.update("UPDATE data_key SET master_key_id = ?, wrapped_key = ? WHERE key_id = ?",
                    masterKeys.currentId(), wrapped, row[0]);
        }
        return stale.size();
    }

    /** How many data keys are wrapped under each master key id. */
    Map<String, Integer> keysByMasterKey() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT master_key_id, count(*) FROM data_key GROUP BY master_key_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    private record NewKey(String id, SecretKey key) {
    }

    private NewKey newDataKey(String subject) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        String keyId = UUID.randomUUID().toString();
        byte[] wrapped = AesGcm.seal(masterKeys.current(), material, keyId.getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO data_key (key_id, subject, master_key_id, wrapped_key) VALUES (?, ?, ?, ?)",
                UUID.fromString(keyId), subject, masterKeys.currentId(), wrapped);
        return new NewKey(keyId, new SecretKeySpec(material, "AES"));
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
        return new SealedPersonalData(keyId, sealField(key, keyId, "name", name),
                sealField(key, keyId, "email", email));
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
        return Optional.ofNullable(unwrapped.get(keyId, id -> jdbc.query(
                "SELECT master_key_id, wrapped_key FROM data_key WHERE key_id = ?",
                (rs, i) -> unwrap(id, rs.getString(1), rs.getBytes(2)),
                UUID.fromString(id)).stream().findFirst().orElse(null)));
    }

    private SecretKey unwrap(String keyId, String masterKeyId, byte[] wrapped) {
        SecretKey master = masterKeys.byId(masterKeyId).orElseThrow(() -> new IllegalStateException(
                "personal data key " + keyId + " is wrapped under master key " + masterKeyId
                        + ", which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS"));
        byte[] material = AesGcm.open(master, wrapped, keyId.getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(material, "AES");
    }
}
