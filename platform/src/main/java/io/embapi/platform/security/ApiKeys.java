package io.embapi.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * User keys as the reference makes them: 32 random bytes as 64 lowercase hex characters, shown once, stored as the
 * lowercase hex SHA-256 of the key's UTF-8 bytes, compared in constant time.
 */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented key against a stored hash; empty keys and hashes never match. */
    public static boolean matches(String presentedKey, String storedHash) {
        if (presentedKey == null || presentedKey.isEmpty() || storedHash == null || storedHash.isBlank()) {
            return false;
        }
        byte[] presented = hash(presentedKey).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedHash.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, stored);
    }

    /** Constant-time comparison of two secrets of any length (e.g. the admin key). */
    public static boolean secretsEqual(String presented, String expected) {
        if (presented == null || presented.isEmpty() || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)),
                sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
