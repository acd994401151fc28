package io.embapi.command.auditor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.auditor.AuditorGrantedEvent;
import io.embapi.shared.auditor.AuditorIds;
import io.embapi.shared.auditor.AuditorRevokedEvent;
import io.embapi.shared.auditor.GrantAuditorCommand;
import io.embapi.shared.auditor.RevokeAuditorCommand;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A read-only auditor credential, one event stream per auditor handle. The admin grants it (with a key whose hash
 * only is kept) and revokes it; a revoked handle may be granted again on the same stream, with a new key.
 */
@Aggregate
class Auditor {

    @AggregateIdentifier
    private String id;
    private String handle;
    private boolean active;

    Auditor() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GrantAuditorCommand command) {
        if (active) {
            throw new RejectedCommandException(Reason.CONFLICT, "auditor " + command.auditorHandle()
                    + " already exists; revoke it first to issue a new key");
        }
        apply(new AuditorGrantedEvent(command.auditorHandle(), Objects.requireNonNull(command.keyHash())));
    }

    @CommandHandler
    void handle(RevokeAuditorCommand command) {
        if (!active) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "auditor " + command.auditorHandle()
                    + " not found");
        }
        apply(new AuditorRevokedEvent(handle));
    }

    @EventSourcingHandler
    void on(AuditorGrantedEvent event) {
        id = AuditorIds.aggregateId(event.auditorHandle());
        handle = event.auditorHandle();
        active = true;
    }

    @EventSourcingHandler
    void on(AuditorRevokedEvent event) {
        active = false;
    }
}
