package io.embapi.command.auditor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.consistency.CommandDispatcher;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.ApiKeyGenerator;
import io.embapi.platform.security.ApiKeys;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.shared.auditor.AuditorIds;
import io.embapi.shared.auditor.GrantAuditorCommand;
import io.embapi.shared.auditor.RevokeAuditorCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditor credentials (admin only): grant one (its key is generated here, shown once, and sent onward only as a
 * hash), list the active ones, revoke one. An auditor key reads the event history ({@code /v1/audit/events}) and
 * the resources, and is refused (403) on every write (ADR 0010).
 */
@RestController
@RequestMapping("/v1/admin/auditors")
@Tag(name = "admin")
class AuditorController {

    private final CommandDispatcher commands;
    private final ApiKeyGenerator keys;
    private final AuditorRegistry registry;

    AuditorController(CommandDispatcher commands, ApiKeyGenerator keys, AuditorRegistry registry) {
        this.commands = commands;
        this.keys = keys;
        this.registry = registry;
    }

    /** The answer to a grant: the key in clear, this once. */
    record Granted(@JsonProperty("auditor_handle") String auditorHandle,
                   @JsonProperty("auditor_key") String auditorKey) {
    }

    /** An active auditor. */
    record AuditorView(@JsonProperty("auditor_handle") String auditorHandle,
                       @JsonProperty("granted_at") Instant grantedAt,
                       @JsonProperty("granted_by") String grantedBy) {
    }

    /** The active auditors. */
    record AuditorList(List<AuditorView> auditors) {
    }

    @PostMapping
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "201", description = "Granted; the key is shown this once")
    @Operation(summary = "Grant a read-only auditor credential", description = "409 while the handle holds an "
            + "active grant. The auditor reads /v1/audit/events and every resource, and changes nothing.")
    ResponseEntity<Granted> grant(@JsonBody AuditorBody body) {
        String key = keys.newKey();
        commands.send(new GrantAuditorCommand(body.auditorHandle(), ApiKeys.hash(key)),
                AuditorIds.aggregateId(body.auditorHandle()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Granted(body.auditorHandle(), key));
    }

    @GetMapping
    @Access(Scheme.ADMIN)
    @Operation(summary = "List the active auditor credentials", description = "Handles, when and by whom they "
            + "were granted; never a key or its hash.")
    AuditorList list() {
        return new AuditorList(registry.active().stream()
                .map(e -> new AuditorView(e.auditorHandle(), e.grantedAt(), e.grantedBy())).toList());
    }

    @DeleteMapping("/{auditor_handle}")
    @Access(Scheme.ADMIN)
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Operation(summary = "Revoke an auditor credential", description = "The key is refused from the next request "
            + "on, on every node.")
    ResponseEntity<Void> revoke(@PathVariable("auditor_handle") String auditorHandle) {
        try {
            commands.send(new RevokeAuditorCommand(auditorHandle), AuditorIds.aggregateId(auditorHandle));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("auditor " + auditorHandle + " not found");
        }
        return ResponseEntity.noContent().build();
    }
}
