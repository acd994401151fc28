package io.embapi.shared.vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The compact form vectors travel in inside events: float32 little-endian, base64-encoded. A 1,536-d vector is
 * 8,192 characters this way (about half of its JSON number array), and decodes to exactly the same bits, so read
 * models rebuilt from events hold the same values as the live ones.
 */
public final class VectorCodec {

    private VectorCodec() {
    }

    public static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static float[] decode(String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded);
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("an encoded vector has a multiple of 4 bytes, not " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    /** Whether every component is a finite number (no NaN, no infinity). */
    public static boolean allFinite(float[] vector) {
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest magnitude that no longer rounds to a finite half-precision value (the largest half is 65504;
     * round-to-nearest-even sends 65520 and above to infinity). Read models and searches keep vectors as
     * {@code halfvec}, so every component must stay below it.
     */
    public static final float HALF_PRECISION_OVERFLOW = 65520f;

    /** Whether every component is finite and representable in half precision (see {@link #HALF_PRECISION_OVERFLOW}). */
    public static boolean allHalfPrecision(float[] vector) {
        return firstBeyondHalfPrecision(vector) < 0;
    }

    /** The index of the first component that is not finite or not representable in half precision, or -1. */
    public static int firstBeyondHalfPrecision(float[] vector) {
        for (int i = 0; i < vector.length; i++) {
            if (!(Math.abs(vector[i]) < HALF_PRECISION_OVERFLOW)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The largest magnitude that half precision rounds to zero (2^-25, half of the smallest subnormal half,
     * rounded to even).
     */
    public static final float HALF_PRECISION_ZERO = 0x1p-25f;

    /**
     * Whether the vector is the zero vector once stored as {@code halfvec}: every component rounds to zero. Its
     * cosine distance to anything is NaN, so it can neither be found nor be searched with (ADR 0020).
     */
    public static boolean isZeroInHalfPrecision(float[] vector) {
        for (float value : vector) {
            if (!(Math.abs(value) <= HALF_PRECISION_ZERO)) {
                return false;
            }
        }
        return true;
    }

    /** pgvector's text form, {@code [0.5,-1.0,...]}, as the database parses it into {@code vector}/{@code halfvec}. */
    public static String pgvectorText(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }
}
