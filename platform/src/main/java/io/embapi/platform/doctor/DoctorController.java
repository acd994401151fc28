package io.embapi.platform.doctor;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/doctor}: the deployment self-check (ADR 0014). In the platform so every deployable answers
 * it about itself. Always 200; read {@code status} (the worst of the checks).
 */
@RestController
@Tag(name = "admin")
class DoctorController {

    private final DeploymentDoctor doctor;

    DoctorController(DeploymentDoctor doctor) {
        this.doctor = doctor;
    }

    @GetMapping("/v1/admin/doctor")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Check this deployment against the pre-deployment checklist",
            description = "Key strength, weak-key and debug switches, the reset endpoint, the process user, the "
                    + "database role (not a superuser), TLS to the database, and the newest backup's age. Each check "
                    + "is pass, warn or fail with the fix in one sentence; `status` is the worst of them.")
    Report doctor() {
        List<DoctorCheck> checks = doctor.examine();
        DoctorCheck.Status worst = checks.stream().map(DoctorCheck::status)
                .max(Enum::compareTo).orElse(DoctorCheck.Status.PASS);
        return new Report(worst, checks);
    }

    /** The answer: the worst status and every check. */
    record Report(DoctorCheck.Status status, List<DoctorCheck> checks) {
    }
}
