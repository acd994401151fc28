package io.embapi.platform.audit;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.ValidationError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/audit/verify}: recomputes the event history's hash chain and names the first broken
 * position. It lives in the platform because the chain belongs to the event store, which neither side owns; every
 * deployable that runs the chainer answers it.
 */
@RestController
@Tag(name = "admin")
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);

    private final ChainVerifier verifier;
    private final Counter failures;

    AuditController(ChainVerifier verifier, MeterRegistry meters) {
        this.verifier = verifier;
        this.failures = Counter.builder("embapi.audit.verify.failures")
                .description("verifications of the event chain that found it broken").register(meters);
    }

    @GetMapping("/v1/admin/audit/verify")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Verify the event history's hash chain", description = "Walks the chain from position "
            + "`from` (default 1) to `to` (default: the head), recomputes each entry's SHA-256 from the stored event "
            + "row and answers whether the history is intact, the head hash, the events not chained yet (pending) "
            + "and the first broken position with its reason: hash_mismatch (event changed), event_missing (event "
            + "deleted), prev_hash_mismatch (chain entry removed or altered), unchained (event in the store ordered "
            + "before the head but not in the chain). Always 200; read `intact`.")
    ChainReport verify(@Parameter(description = "first chain position to check (>= 1); a range that starts later "
                               + "trusts the stored hash before it") @RequestParam(required = false) Long from,
                       @Parameter(description = "last chain position to check (>= from)")
                       @RequestParam(required = false) Long to) {
        List<ValidationError> errors = new ArrayList<>();
        if (from != null && from < 1) {
            errors.add(new ValidationError("expected number >= 1", "query.from", from));
        }
        if (to != null && to < (from == null ? 1 : Math.max(from, 1))) {
            errors.add(new ValidationError("expected number >= " + (from == null ? 1 : Math.max(from, 1)),
                    "query.to", to));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        ChainReport report = verifier.verify(from, to);
        if (!report.intact()) {
            failures.increment();
            log.warn("audit: event chain broken: {}", report.broken());
        }
        return report;
    }
}
