package io.embapi.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embapi.platform.crypto.AesGcm;
import io.embapi.platform.privacy.SecretProtector;
import io.embapi.shared.privacy.SealedSecret;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Provider keys sealed by the service: authenticated, fresh per seal, and their data keys live in the database. */
class SealedSecretTamperTest extends ApiTestSupport {

    @Autowired
    private SecretProtector secrets;

    @Test
    void aSealedKeyOpensAndAnyChangeToItIsRejected() {
        SealedSecret sealed = secrets.seal("instance:test/" + unique("t"), "sk-tamper-test");
        assertThat(secrets.open(sealed)).hasValue("sk-tamper-test");

        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 0x01;
        SealedSecret tampered = new SealedSecret(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> secrets.open(tampered)).isInstanceOf(AesGcm.TamperedCiphertextException.class);

        SealedSecret other = secrets.seal("instance:test/" + unique("t"), "sk-tamper-test");
        SealedSecret swapped = new SealedSecret(other.keyId(), sealed.ciphertext());
        assertThatThrownBy(() -> secrets.open(swapped)).isInstanceOf(AesGcm.TamperedCiphertextException.class);
        assertThat(other.ciphertext()).isNotEqualTo(sealed.ciphertext());
    }
}
