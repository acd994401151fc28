package io.embapi.command.definition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.command.apistandard.ApiStandardUsage;
import io.embapi.command.user.UserDirectory;
import io.embapi.command.Concurrency;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.definition.DefinitionChangedEvent;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionDeletedEvent;
import io.embapi.shared.definition.DefinitionIds;
import io.embapi.shared.definition.DefinitionSharedEvent;
import io.embapi.shared.definition.DefinitionSpec;
import io.embapi.shared.definition.DefinitionUnsharedEvent;
import io.embapi.shared.definition.DeleteDefinitionCommand;
import io.embapi.shared.definition.DescribeDefinitionCommand;
import io.embapi.shared.definition.SaveDefinitionCommand;
import io.embapi.shared.definition.SeedDefinitionCommand;
import io.embapi.shared.definition.ShareDefinitionCommand;
import io.embapi.shared.definition.UnshareDefinitionCommand;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An LLM service definition: a reusable template (endpoint, API standard, model, dimensions) that users can turn
 * into instances. A user's definitions may be public or shared with named users; the built-in ones belong to
 * {@code _system}, are public and cannot be changed through the API.
 */
@Aggregate
class LlmDefinition {

    @AggregateIdentifier
    private String id;
    private long definitionId;
    private String owner;
    private String handle;
    private DefinitionSpec spec;
    private final Set<String> sharedWith = new HashSet<>();
    private boolean exists;
    private boolean deleted;

    LlmDefinition() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SavedDefinition handle(SaveDefinitionCommand command, UserDirectory users, ApiStandardUsage standards) {
        Concurrency.ensureUnchangedSince(command.expectedVersion(), "definition");
        if (deleted) {
            throw new RejectedCommandException(Reason.CONFLICT, "definition " + command.owner() + "/"
                    + command.definitionHandle() + " was deleted concurrently; retry the request");
        }
        users.ensureExists(command.owner());
        standards.ensureExists(command.spec().apiStandard());
        if (!exists) {
            apply(new DefinitionCreatedEvent(command.definitionId(), command.owner(), command.definitionHandle(),
                    command.spec()));
        } else if (!command.spec().equals(spec)) {
            apply(new DefinitionChangedEvent(definitionId, command.spec()));
        }
        return new SavedDefinition(command.definitionId(), command.spec().isPublic());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SeedDefinitionCommand command) {
        if (id == null) {
            apply(new DefinitionCreatedEvent(command.definitionId(), command.owner(), command.definitionHandle(),
                    command.spec()));
        }
    }

    @CommandHandler
    DefinitionDescription handle(DescribeDefinitionCommand command) {
        ensureLive();
        return new DefinitionDescription(spec, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    void handle(ShareDefinitionCommand command, UserDirectory users) {
        ensureLive();
        if (command.userHandle().equals(owner)) {
            throw new RejectedCommandException(Reason.INVALID, "cannot share definition with owner");
        }
        if (!users.exists(command.userHandle())) {
            throw new RejectedCommandException(Reason.INVALID, "target user " + command.userHandle()
                    + " does not exist: user " + command.userHandle() + " not found");
        }
        apply(new DefinitionSharedEvent(definitionId, command.userHandle()));
    }

    @CommandHandler
    void handle(UnshareDefinitionCommand command) {
        ensureLive();
        if (sharedWith.contains(command.userHandle())) {
            apply(new DefinitionUnsharedEvent(definitionId, command.userHandle()));
        }
    }

    @CommandHandler
    void handle(DeleteDefinitionCommand command) {
        ensureLive();
        apply(new DefinitionDeletedEvent(definitionId, owner, handle));
    }

    @EventSourcingHandler
    void on(DefinitionCreatedEvent event) {
        id = DefinitionIds.aggregateId(event.definitionId());
        definitionId = event.definitionId();
        owner = event.owner();
        handle = event.definitionHandle();
        spec = event.spec();
        exists = true;
    }

    @EventSourcingHandler
    void on(DefinitionChangedEvent event) {
        spec = event.spec();
    }

    @EventSourcingHandler
    void on(DefinitionSharedEvent event) {
        sharedWith.add(event.userHandle());
    }

    @EventSourcingHandler
    void on(DefinitionUnsharedEvent event) {
        sharedWith.remove(event.userHandle());
    }

    @EventSourcingHandler
    void on(DefinitionDeletedEvent event) {
        deleted = true;
    }

    private void ensureLive() {
        if (!exists || deleted) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "definition " + owner + "/" + handle + " not found");
        }
    }
}
