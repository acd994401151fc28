package io.embapi.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class MasterKeyringTest {

    @Test
    void theKeyIsTheSha256OfTheKeyMaterialAsInTheReference() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("material".getBytes());
        assertThat(MasterKeyring.derive("material").getEncoded()).isEqualTo(expected);
    }

    @Test
    void keyIdsAreStableShortAndDoNotRevealTheKey() {
        MasterKeyring ring = new MasterKeyring("material", null);
        assertThat(ring.currentId()).hasSize(16).matches("[0-9a-f]+")
                .isEqualTo(new MasterKeyring("material", "").currentId())
                .isNotEqualTo(new MasterKeyring("other", null).currentId());
    }

    @Test
    void thePreviousKeyStaysAvailableDuringARotation() {
        MasterKeyring old = new MasterKeyring("old-material", null);
        MasterKeyring rotating = new MasterKeyring("new-material", "old-material");
        assertThat(rotating.byId(old.currentId())).isPresent();
        assertThat(rotating.current().getEncoded()).isEqualTo(MasterKeyring.derive("new-material").getEncoded());
        assertThat(new MasterKeyring("new-material", null).byId(old.currentId())).isEmpty();
    }
}
