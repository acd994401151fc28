package io.embapi.app.admin;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference's {@code GET /v1/admin/footgun}. It deletes the event history too, so it is off unless
 * {@code SERVICE_ENABLE_FOOTGUN=true}. It lives in the single-process assembly because it resets both sides.
 */
@RestController
@Tag(name = "admin")
public class ResetController {

    private static final Logger log = LoggerFactory.getLogger(ResetController.class);

    private final boolean enabled;
    private final DatabaseReset reset;

    ResetController(@Value("${embapi.admin.reset-enabled:false}") boolean enabled, DatabaseReset reset) {
        this.enabled = enabled;
        this.reset = reset;
    }

    @GetMapping("/v1/admin/footgun")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Reset the database (admin only, for testing)", description = "Disabled unless "
            + "SERVICE_ENABLE_FOOTGUN=true. Deletes everything, including the event history, except the seeds.")
    ResponseEntity<Void> reset() {
        if (!enabled) {
            throw ApiException.forbidden("the reset is disabled; start the service with SERVICE_ENABLE_FOOTGUN=true "
                    + "to enable it (it deletes all data and history)");
        }
        reset.run();
        log.warn("admin: database reset through /v1/admin/footgun");
        return ResponseEntity.noContent().build();
    }
}
