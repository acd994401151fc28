package io.embapi.platform.crypto;

import io.embapi.platform.config.EmbapiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The master keys derived from {@code ENCRYPTION_KEY} (current) and {@code ENCRYPTION_KEY_PREVIOUS} (during a
 * rotation): AES-256 key = SHA-256 of the UTF-8 key material, as in the reference. Each key has a short public id
 * so stored ciphertexts name the key that sealed them and survive a rotation.
 */
@Component
public class MasterKeyring {

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    @Autowired
    public MasterKeyring(EmbapiProperties properties) {
        this(properties.encryptionKey(), properties.encryptionKeyPrevious());
    }

    public MasterKeyring(String current, String previous) {
        SecretKey currentKey = derive(current);
        this.currentId = idOf(currentKey);
        keys.put(currentId, currentKey);
        if (previous != null && !previous.isBlank()) {
            SecretKey previousKey = derive(previous);
            keys.putIfAbsent(idOf(previousKey), previousKey);
        }
    }

    public String currentId() {
        return currentId;
    }

    public SecretKey current() {
        return keys.get(currentId);
    }

    public Optional<SecretKey> byId(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    static SecretKey derive(String material) {
        return new SecretKeySpec(sha256(material.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** A non-secret fingerprint of a key: 16 hex characters of SHA-256 over a label and the key bytes. */
    static String idOf(SecretKey key) {
        byte[] label = "embapi-master-key-id".getBytes(StandardCharsets.UTF_8);
        byte[] material = key.getEncoded();
        byte[] input = new byte[label.length + material.length];
        System.arraycopy(label, 0, input, 0, label.length);
        System.arraycopy(material, 0, input, label.length, material.length);
        return HexFormat.of().formatHex(sha256(input), 0, 8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
