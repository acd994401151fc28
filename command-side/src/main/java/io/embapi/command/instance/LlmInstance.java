package io.embapi.command.instance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.command.apistandard.ApiStandardUsage;
import io.embapi.command.user.UserDirectory;
import io.embapi.command.Concurrency;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.instance.DeleteInstanceCommand;
import io.embapi.shared.instance.DescribeInstanceCommand;
import io.embapi.shared.instance.InstanceChangedEvent;
import io.embapi.shared.instance.InstanceCreatedEvent;
import io.embapi.shared.instance.InstanceDeletedEvent;
import io.embapi.shared.instance.InstanceIds;
import io.embapi.shared.instance.InstanceSharedEvent;
import io.embapi.shared.instance.InstanceSpec;
import io.embapi.shared.instance.InstanceUnsharedEvent;
import io.embapi.shared.instance.SaveInstanceCommand;
import io.embapi.shared.instance.ShareInstanceCommand;
import io.embapi.shared.instance.UnshareInstanceCommand;
import io.embapi.shared.privacy.SealedSecret;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An LLM service instance: a user's concrete embedding service (endpoint, standard, model, dimensions) with an
 * optional provider key, which only ever appears sealed. Its dimensions govern every project linked to it. It can
 * be shared as reader or editor, and cannot be deleted while a project uses it.
 */
@Aggregate
class LlmInstance {

    @AggregateIdentifier
    private String id;
    private long instanceId;
    private String owner;
    private String handle;
    private InstanceSpec spec;
    private SealedSecret apiKey;
    private final Map<String, String> shares = new HashMap<>();
    private boolean exists;
    private boolean deleted;

    LlmInstance() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(SaveInstanceCommand command, UserDirectory users, ApiStandardUsage standards) {
        Concurrency.ensureUnchangedSince(command.expectedVersion(), "instance");
        if (deleted) {
            throw new RejectedCommandException(Reason.CONFLICT, "instance " + command.owner() + "/"
                    + command.instanceHandle() + " was deleted concurrently; retry the request");
        }
        users.ensureExists(command.owner());
        standards.ensureExists(command.spec().apiStandard());
        if (!exists) {
            apply(new InstanceCreatedEvent(command.instanceId(), command.owner(), command.instanceHandle(),
                    command.spec(), command.apiKey()));
        } else if (!command.spec().equals(spec) || !Objects.equals(command.apiKey(), apiKey)) {
            apply(new InstanceChangedEvent(instanceId, command.spec(), command.apiKey()));
        }
        return command.instanceId();
    }

    @CommandHandler
    InstanceDescription handle(DescribeInstanceCommand command) {
        ensureLive();
        return new InstanceDescription(spec, apiKey, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    void handle(ShareInstanceCommand command, UserDirectory users) {
        ensureLive();
        if (command.userHandle().equals(owner)) {
            throw new RejectedCommandException(Reason.INVALID, "cannot share instance with owner");
        }
        if (!"reader".equals(command.role()) && !"editor".equals(command.role())) {
            throw new RejectedCommandException(Reason.INVALID,
                    "invalid role " + command.role() + ". Role must be either \"editor\" or \"reader\"");
        }
        if (!users.exists(command.userHandle())) {
            throw new RejectedCommandException(Reason.INVALID, "target user " + command.userHandle()
                    + " does not exist: user " + command.userHandle() + " not found");
        }
        apply(new InstanceSharedEvent(instanceId, command.userHandle(), command.role()));
    }

    @CommandHandler
    void handle(UnshareInstanceCommand command) {
        ensureLive();
        if (!shares.containsKey(command.userHandle())) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "instance " + owner + "/" + handle
                    + " is not shared with user " + command.userHandle());
        }
        apply(new InstanceUnsharedEvent(instanceId, command.userHandle()));
    }

    @CommandHandler
    void handle(DeleteInstanceCommand command, InstanceDirectory instances) {
        ensureLive();
        if (instances.usedByProjects(owner, handle)) {
            throw new RejectedCommandException(Reason.CONFLICT, "instance " + owner + "/" + handle
                    + " is used by one or more projects; link them to another instance or delete them first");
        }
        apply(new InstanceDeletedEvent(instanceId, owner, handle));
    }

    @EventSourcingHandler
    void on(InstanceCreatedEvent event) {
        id = InstanceIds.aggregateId(event.instanceId());
        instanceId = event.instanceId();
        owner = event.owner();
        handle = event.instanceHandle();
        spec = event.spec();
        apiKey = event.apiKey();
        exists = true;
    }

    @EventSourcingHandler
    void on(InstanceChangedEvent event) {
        spec = event.spec();
        apiKey = event.apiKey();
    }

    @EventSourcingHandler
    void on(InstanceSharedEvent event) {
        shares.put(event.userHandle(), event.role());
    }

    @EventSourcingHandler
    void on(InstanceUnsharedEvent event) {
        shares.remove(event.userHandle());
    }

    @EventSourcingHandler
    void on(InstanceDeletedEvent event) {
        deleted = true;
    }

    private void ensureLive() {
        if (!exists || deleted) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "instance " + owner + "/" + handle + " not found");
        }
    }
}
