package io.embapi.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.platform.privacy.PersonalDataProtector.PersonalData;
import io.embapi.command.Concurrency;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.privacy.SealedPersonalData;
import io.embapi.command.embedding.EmbeddingWriteOrder;
import io.embapi.shared.user.DeleteUserCommand;
import io.embapi.shared.user.DescribeUserCommand;
import io.embapi.shared.user.ForgetUserCommand;
import io.embapi.shared.user.RegisterSystemUserCommand;
import io.embapi.shared.user.RotateUserKeyCommand;
import io.embapi.shared.user.SaveUserCommand;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserForgottenEvent;
import io.embapi.shared.user.UserIds;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account, one event stream per handle. A user is registered with a key (only its hash is kept), may
 * change name and e-mail, rotate its key and be deleted; a deleted handle can be registered again on the same
 * stream, so its whole history stays in one place. Name and e-mail only ever enter events sealed under the
 * user's data key. The {@code _system} account is registered once, has no key and refuses every change.
 *
 * <p>Forgetting (ADR 0012) deletes the account as {@link DeleteUserCommand} does, then destroys every data key the
 * stream's events were sealed under, over all registrations of the handle, and records which.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private String id;
    private String handle;
    private boolean active;
    private SealedPersonalData personalData;
    /** Every data key the stream's personal data was sealed under, over all registrations of the handle. */
    private final Set<String> dataKeyIds = new TreeSet<>();
    /** Whether the handle was forgotten and not registered again since. */
    private boolean forgotten;

    User() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SaveUserResult handle(SaveUserCommand command, UserDirectory directory, PersonalDataProtector protector) {
        Concurrency.ensureUnchangedSince(command.expectedVersion(), "user");
        String userHandle = command.userHandle();
        SystemUser.ensureNotSystem(userHandle);
        Objects.requireNonNull(command.candidateKeyHash(), "a new user needs a key hash");
        if (directory.emailInUseByOther(command.email(), userHandle)) {
            throw new RejectedCommandException(Reason.CONFLICT,
                    "email address " + command.email() + " is already used by another user");
        }
        String name = command.name() == null ? "" : command.name();
        if (!active) {
            apply(new UserRegisteredEvent(userHandle,
                    protector.sealForNewSubject(subject(userHandle), name, command.email()),
                    command.candidateKeyHash()));
            return SaveUserResult.CREATED;
        }
        PersonalData requested = new PersonalData(name, command.email());
        boolean unchanged = protector.open(personalData).map(requested::equals).orElse(false);
        if (!unchanged) {
            apply(new UserProfileChangedEvent(userHandle,
                    protector.reseal(personalData.keyId(), name, command.email())));
        }
        return SaveUserResult.UPDATED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterSystemUserCommand command, PersonalDataProtector protector) {
        if (active) {
            return;
        }
        apply(new UserRegisteredEvent(SystemUser.HANDLE,
                protector.sealForNewSubject(subject(SystemUser.HANDLE), SystemUser.NAME, SystemUser.EMAIL), null));
    }

    @CommandHandler
    UserDescription handle(DescribeUserCommand command, PersonalDataProtector protector) {
        SystemUser.ensureNotSystem(command.userHandle());
        ensureActive();
        PersonalData data = protector.open(personalData).orElse(new PersonalData(null, null));
        return new UserDescription(data.name(), data.email(), AggregateLifecycle.getVersion());
    }

    @CommandHandler
    void handle(RotateUserKeyCommand command) {
        SystemUser.ensureNotSystem(command.userHandle());
        ensureActive();
        apply(new UserKeyRotatedEvent(handle, Objects.requireNonNull(command.newKeyHash())));
    }

    @CommandHandler
    void handle(DeleteUserCommand command, EmbeddingWriteOrder writeOrder) {
        SystemUser.ensureNotSystem(command.userHandle());
        ensureActive();
        writeOrder.clearingProjectsOf(handle);
        apply(new UserDeletedEvent(handle));
    }

    /**
     * Answers whether anything was forgotten: {@code false} for a handle already forgotten (nothing left to do, no
     * event). A user that still exists is deleted first, by the same event and write order as DELETE.
     */
    @CommandHandler
    boolean handle(ForgetUserCommand command, EmbeddingWriteOrder writeOrder, PersonalDataProtector protector) {
        SystemUser.ensureNotSystem(command.userHandle());
        if (forgotten) {
            return false;
        }
        if (active) {
            writeOrder.clearingProjectsOf(handle);
            apply(new UserDeletedEvent(handle));
        }
        apply(new UserForgottenEvent(handle, protector.forget(subject(handle), dataKeyIds)));
        return true;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        id = UserIds.aggregateId(event.userHandle());
        handle = event.userHandle();
        active = true;
        forgotten = false;
        personalData = event.personalData();
        remember(personalData);
    }

    @EventSourcingHandler
    void on(UserProfileChangedEvent event) {
        personalData = event.personalData();
        remember(personalData);
    }

    @EventSourcingHandler
    void on(UserForgottenEvent event) {
        forgotten = true;
        dataKeyIds.clear();
    }

    private void remember(SealedPersonalData sealed) {
        if (sealed != null && sealed.keyId() != null) {
            dataKeyIds.add(sealed.keyId());
        }
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        active = false;
        personalData = null;
    }

    private void ensureActive() {
        if (!active) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "user " + handle + " not found");
        }
    }

    static String subject(String userHandle) {
        return "user:" + userHandle;
    }
}
