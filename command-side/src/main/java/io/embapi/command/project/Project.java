package io.embapi.command.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.command.user.UserDirectory;
import io.embapi.command.Concurrency;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.command.embedding.EmbeddingWriteOrder;
import io.embapi.shared.embedding.DeleteAllEmbeddingsCommand;
import io.embapi.shared.embedding.DeleteEmbeddingCommand;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.project.DeleteProjectCommand;
import io.embapi.shared.project.DescribeProjectCommand;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.project.ProjectRole;
import io.embapi.shared.project.ProjectSettings;
import io.embapi.shared.project.ProjectSettingsChangedEvent;
import io.embapi.shared.project.ProjectShare;
import io.embapi.shared.project.ProjectSharedEvent;
import io.embapi.shared.project.ProjectUnsharedEvent;
import io.embapi.shared.project.SaveProjectCommand;
import io.embapi.shared.project.ShareProjectCommand;
import io.embapi.shared.project.TransferProjectOwnershipCommand;
import io.embapi.shared.project.UnshareProjectCommand;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A project: an owner's named collection of embeddings with its settings (description, metadata schema, LLM
 * instance, public flag) and the users it is shared with as editor or reader. Its id never changes, so its whole
 * history, ownership transfers included, is one stream. A deleted project stays deleted; the same handle can be
 * used again by a new project.
 */
@Aggregate
class Project {

    @AggregateIdentifier
    private String id;
    private long projectId;
    private String owner;
    private String handle;
    private ProjectSettings settings;
    private final Map<String, ProjectRole> shares = new HashMap<>();
    private boolean exists;
    private boolean deleted;

    Project() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SaveProjectResult handle(SaveProjectCommand command, UserDirectory users, ProjectDirectory projects) {
        Concurrency.ensureUnchangedSince(command.expectedVersion(), "project");
        if (deleted) {
            throw new RejectedCommandException(Reason.CONFLICT, "project " + command.owner() + "/"
                    + command.projectHandle() + " was deleted concurrently; retry the request");
        }
        users.ensureExists(command.owner());
        ProjectSettings requested = command.settings();
        if (requested.instance() != null && !projects.instanceExists(requested.instance())) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "LLM Service Instance "
                    + requested.instance().handle() + " owned by " + requested.instance().owner() + " not found");
        }
        Map<String, ProjectRole> granted = new HashMap<>();
        for (ProjectShare share : command.sharedWith()) {
            if (share.userHandle().equals(command.owner())) {
                throw new RejectedCommandException(Reason.INVALID,
                        "cannot share project with owner " + share.userHandle());
            }
            ProjectRole role = ProjectRole.shareRole(share.role()).orElseThrow(() -> new RejectedCommandException(
                    Reason.INVALID, "invalid role " + share.role() + " for user " + share.userHandle()
                    + ". Role must be either \"editor\" or \"reader\""));
            if (!users.exists(share.userHandle())) {
                throw new RejectedCommandException(Reason.INVALID,
                        "shared user " + share.userHandle() + " does not exist");
            }
            granted.put(share.userHandle(), role);
        }
        boolean created = !exists;
        if (created) {
            apply(new ProjectCreatedEvent(command.projectId(), command.owner(), command.projectHandle(), requested));
        } else if (!requested.equals(settings)) {
            apply(new ProjectSettingsChangedEvent(projectId, requested));
        }
        command.sharedWith().stream().map(ProjectShare::userHandle).distinct().forEach(user ->
                apply(new ProjectSharedEvent(command.projectId(), user, granted.get(user))));
        return new SaveProjectResult(command.projectId(), created, requested.publicRead());
    }

    @CommandHandler
    ProjectDescription handle(DescribeProjectCommand command) {
        ensureLive();
        return new ProjectDescription(owner, handle, settings, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    void handle(ShareProjectCommand command, UserDirectory users) {
        ensureLive();
        if (command.userHandle().equals(owner)) {
            throw new RejectedCommandException(Reason.INVALID, "cannot share project with owner");
        }
        ProjectRole role = ProjectRole.shareRole(command.role()).orElseThrow(() -> new RejectedCommandException(
                Reason.INVALID, "invalid role " + command.role() + ". Role must be either \"editor\" or \"reader\""));
        if (!users.exists(command.userHandle())) {
            throw new RejectedCommandException(Reason.INVALID, "target user " + command.userHandle()
                    + " does not exist: user " + command.userHandle() + " not found");
        }
        apply(new ProjectSharedEvent(projectId, command.userHandle(), role));
    }

    @CommandHandler
    void handle(UnshareProjectCommand command) {
        ensureLive();
        if (command.userHandle().equals(owner)) {
            throw new RejectedCommandException(Reason.INVALID, "cannot unshare project from owner");
        }
        if (!shares.containsKey(command.userHandle())) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "project " + owner + "/" + handle
                    + " is not shared with user " + command.userHandle());
        }
        apply(new ProjectUnsharedEvent(projectId, command.userHandle()));
    }

    @CommandHandler
    void handle(TransferProjectOwnershipCommand command, UserDirectory users, ProjectDirectory projects) {
        ensureLive();
        String newOwner = command.newOwner();
        if (newOwner.equals(owner)) {
            throw new RejectedCommandException(Reason.INVALID, "new owner must be different from current owner");
        }
        if (!users.exists(newOwner)) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "new owner user " + newOwner + " not found");
        }
        if (projects.projectIdOf(newOwner, handle).isPresent()) {
            throw new RejectedCommandException(Reason.CONFLICT,
                    "new owner " + newOwner + " already has a project with handle " + handle);
        }
        apply(new ProjectOwnershipTransferredEvent(projectId, handle, owner, newOwner));
    }

    @CommandHandler
    void handle(DeleteEmbeddingCommand command, EmbeddingWriteOrder writeOrder) {
        ensureLive();
        if (!writeOrder.deleting(projectId, command.textId())) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "no embeddings found for user " + owner
                    + ", project " + handle + ", id " + command.textId() + ".");
        }
        apply(new EmbeddingDeletedEvent(projectId, command.textId()));
    }

    @CommandHandler
    void handle(DeleteAllEmbeddingsCommand command, EmbeddingWriteOrder writeOrder) {
        ensureLive();
        writeOrder.clearing(projectId);
        apply(new AllEmbeddingsDeletedEvent(projectId));
    }

    @CommandHandler
    void handle(DeleteProjectCommand command, EmbeddingWriteOrder writeOrder) {
        ensureLive();
        writeOrder.clearing(projectId);
        apply(new ProjectDeletedEvent(projectId, owner, handle));
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        id = ProjectIds.aggregateId(event.projectId());
        projectId = event.projectId();
        owner = event.owner();
        handle = event.projectHandle();
        settings = event.settings();
        exists = true;
    }

    @EventSourcingHandler
    void on(ProjectSettingsChangedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(ProjectSharedEvent event) {
        shares.put(event.userHandle(), event.role());
    }

    @EventSourcingHandler
    void on(ProjectUnsharedEvent event) {
        shares.remove(event.userHandle());
    }

    @EventSourcingHandler
    void on(ProjectOwnershipTransferredEvent event) {
        shares.remove(event.newOwner());
        owner = event.newOwner();
    }

    @EventSourcingHandler
    void on(ProjectDeletedEvent event) {
        deleted = true;
    }

    private void ensureLive() {
        if (!exists || deleted) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "project " + owner + "/" + handle + " not found");
        }
    }
}
