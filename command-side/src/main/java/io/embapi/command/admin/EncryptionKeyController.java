package io.embapi.command.admin;

import io.embapi.platform.privacy.MasterKeyRotation;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master key rotation (ops/README.md): restart with the new key as {@code ENCRYPTION_KEY} and the old one as
 * {@code ENCRYPTION_KEY_PREVIOUS}, call {@code POST /v1/admin/encryption-key/rotate}, then restart without the old key.
 * Only the wrapping of data keys changes; the event history is untouched.
 */
@RestController
@RequestMapping("/v1/admin/encryption-key")
@Tag(name = "admin")
class EncryptionKeyController {

    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyController.class);

    private final MasterKeyRotation rotation;

    EncryptionKeyController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @GetMapping
    @Access(Scheme.ADMIN)
    @Operation(summary = "Which master keys the stored data keys are wrapped under",
            description = "Key ids are fingerprints, never key material.")
    MasterKeyRotation.Report status() {
        return rotation.status();
    }

    @PostMapping("/rotate")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Re-wrap every data key under the current ENCRYPTION_KEY",
            description = "Needs the previous key as ENCRYPTION_KEY_PREVIOUS for keys not yet re-wrapped.")
    MasterKeyRotation.Report rotate() {
        MasterKeyRotation.Report report = rotation.rewrapAll();
        log.info("admin: re-wrapped {} data keys under master key {}", report.rewrapped(),
                report.currentMasterKeyId());
        return report;
    }
}
