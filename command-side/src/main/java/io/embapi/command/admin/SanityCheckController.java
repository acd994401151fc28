package io.embapi.command.admin;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/admin/sanity-check}: the admin's report on stored data that breaks the service's rules. */
@RestController
@Tag(name = "admin")
class SanityCheckController {

    private final SanityCheck sanityCheck;

    SanityCheckController(SanityCheck sanityCheck) {
        this.sanityCheck = sanityCheck;
    }

    @GetMapping("/v1/admin/sanity-check")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Check stored data against the service's rules", description = "PASSED, WARNING (warnings "
            + "only) or FAILED (at least one issue): instances, embedding dimensions, metadata against the project "
            + "schema, encryption keys.")
    SanityCheck.Report check() {
        return sanityCheck.run();
    }
}
