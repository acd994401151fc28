package io.embapi.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class AesGcmTest {

    private final SecretKey key = MasterKeyring.derive("test-encryption-key-32-bytes-long-1234567890");
    private final byte[] secret = "sk-provider-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedDataOpensToThePlaintext() {
        byte[] sealed = AesGcm.seal(key, secret, null);
        assertThat(AesGcm.open(key, sealed, null)).isEqualTo(secret);
    }

    @Test
    void layoutIsNonceCiphertextTag() {
        byte[] sealed = AesGcm.seal(key, secret, null);
        assertThat(sealed).hasSize(AesGcm.NONCE_BYTES + secret.length + 16);
    }

    @Test
    void sealingTheSamePlaintextTwiceGivesDifferentCiphertexts() {
        assertThat(AesGcm.seal(key, secret, null)).isNotEqualTo(AesGcm.seal(key, secret, null));
    }

    @Test
    void aFlippedBitIsDetected() {
        byte[] sealed = AesGcm.seal(key, secret, null);
        sealed[AesGcm.NONCE_BYTES + 2] ^= 0x01;
        assertThatThrownBy(() -> AesGcm.open(key, sealed, null))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void aTruncatedCiphertextIsDetected() {
        assertThatThrownBy(() -> AesGcm.open(key, new byte[10], null))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void theWrongContextIsDetected() {
        byte[] sealed = AesGcm.seal(key, secret, "key-1/name".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AesGcm.open(key, sealed, "key-1/email".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void theWrongKeyIsDetected() {
        byte[] sealed = AesGcm.seal(key, secret, null);
        SecretKey other = MasterKeyring.derive("another-key");
        assertThatThrownBy(() -> AesGcm.open(other, sealed, null))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }
}
