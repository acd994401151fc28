package io.embapi.shared.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorCodecTest {

    @Test
    void decodingGivesBackTheSameBitsIncludingEdgeValues() {
        float[] vector = {-2.085085e-02f, 1.852216e-02f, 0f, -0f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-40f};
        float[] decoded = VectorCodec.decode(VectorCodec.encode(vector));
        assertThat(decoded).hasSize(vector.length);
        for (int i = 0; i < vector.length; i++) {
            assertThat(Float.floatToRawIntBits(decoded[i])).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
    }

    @Test
    void theEncodingIsLittleEndianFloat32InBase64() {
        assertThat(VectorCodec.encode(new float[] {1.0f})).isEqualTo("AACAPw==");
    }

    @Test
    void aLargeVectorIsCompact() {
        Random random = new Random(42);
        float[] vector = new float[1536];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        String encoded = VectorCodec.encode(vector);
        assertThat(encoded).hasSize(8192);
        assertThat(VectorCodec.decode(encoded)).containsExactly(vector);
    }

    @Test
    void aTruncatedEncodingIsRejected() {
        assertThatThrownBy(() -> VectorCodec.decode("AACA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nanAndInfinityAreNotFinite() {
        assertThat(VectorCodec.allFinite(new float[] {1, 2, 3})).isTrue();
        assertThat(VectorCodec.allFinite(new float[] {1, Float.NaN})).isFalse();
        assertThat(VectorCodec.allFinite(new float[] {Float.NEGATIVE_INFINITY})).isFalse();
    }

    @Test
    void halfPrecisionEndsBelow65520AndTheFirstOffenderIsNamed() {
        assertThat(VectorCodec.firstBeyondHalfPrecision(new float[] {0, 65519f, -65519f})).isEqualTo(-1);
        assertThat(VectorCodec.firstBeyondHalfPrecision(new float[] {0, 1, -65520f, Float.MAX_VALUE})).isEqualTo(2);
        assertThat(VectorCodec.firstBeyondHalfPrecision(new float[] {Float.NaN})).isZero();
        assertThat(VectorCodec.allHalfPrecision(new float[] {1, 2})).isTrue();
        assertThat(VectorCodec.allHalfPrecision(new float[] {1, Float.POSITIVE_INFINITY})).isFalse();
    }

    @Test
    void thePgvectorTextFormIsABracketedCommaList() {
        assertThat(VectorCodec.pgvectorText(new float[] {0.5f, -1f, 2.5E-4f})).isEqualTo("[0.5,-1.0,2.5E-4]");
        assertThat(VectorCodec.pgvectorText(new float[0])).isEqualTo("[]");
    }
}
