package io.embapi.platform.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.crypto.MasterKeyring;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second half of an {@code ENCRYPTION_KEY} rotation: with the new key as {@code ENCRYPTION_KEY} and the old one
 * as {@code ENCRYPTION_KEY_PREVIOUS}, re-wrap every data key under the new master key, in one transaction. After it,
 * the previous key is no longer needed. See ops/README.md.
 */
@Component
public class MasterKeyRotation {

    private final DataKeyVault vault;
    private final MasterKeyring keyring;

    MasterKeyRotation(DataKeyVault vault, MasterKeyring keyring) {
        this.vault = vault;
        this.keyring = keyring;
    }

    /**
     * @param currentMasterKeyId the id of the master key everything is wrapped under now
     * @param rewrapped          data keys moved to it by this call
     * @param keysByMasterKey    data keys per master key id afterwards
     */
    public record Report(@JsonProperty("current_master_key_id") String currentMasterKeyId,
                         int rewrapped,
                         @JsonProperty("keys_by_master_key") Map<String, Integer> keysByMasterKey) {
    }

    @Transactional
    public Report rewrapAll() {
        int rewrapped = vault.rewrapUnderCurrentMasterKey();
        return new Report(keyring.currentId(), rewrapped, vault.keysByMasterKey());
    }

    /** Data keys per master key id, without changing anything. */
    public Report status() {
        return new Report(keyring.currentId(), 0, vault.keysByMasterKey());
    }
}
