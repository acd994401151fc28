package io.embapi.platform.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash function: {@code hash = SHA-256(prev_hash || canonical bytes of the event)}. The canonical form
 * starts with a format tag and writes every column of the stored row with its length in front (strings as UTF-8,
 * {@code null} as length -1, numbers as 8 bytes big-endian), so no two different rows share a byte sequence. The
 * chainer and the verifier use this one class; changing the encoding means a new format tag and an ADR.
 */
public final class ChainHash {

    /** The prev_hash of the first chain entry. */
    static final byte[] GENESIS = new byte[32];
    private static final byte[] FORMAT = "embapi-event-chain-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The hash of {@code event} chained after an entry whose hash is {@code prev}. */
    static byte[] next(byte[] prev, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(prev);
        sha256.update(FORMAT);
        ByteArrayOutputStream fields = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(fields)) {
            out.writeLong(event.globalIndex());
            text(out, event.eventIdentifier());
            text(out, event.aggregateIdentifier());
            out.writeLong(event.sequenceNumber());
            text(out, event.type());
            text(out, event.payloadType());
            text(out, event.payloadRevision());
            text(out, event.timestamp());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        sha256.update(fields.toByteArray());
        bytes(sha256, event.payload());
        bytes(sha256, event.metadata());
        return sha256.digest();
    }

    static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void bytes(MessageDigest sha256, byte[] value) {
        int length = value == null ? -1 : value.length;
        sha256.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length});
        if (value != null) {
            sha256.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
