package io.embapi.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.command.InMemoryDirectories;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.user.DeleteUserCommand;
import io.embapi.shared.user.RegisterSystemUserCommand;
import io.embapi.shared.user.RotateUserKeyCommand;
import io.embapi.shared.user.SaveUserCommand;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String ALICE = "alice";
    private static final String KEY_HASH = "e1b85b27d6bcb05846c18e6a48f118e89f0c0587140de9fb3359f8370d0dba08";
    private static final String NEW_KEY_HASH = "f".repeat(64);

    private AggregateTestFixture<User> fixture;
    private InMemoryPersonalData personalData;
    private final Set<String> takenEmails = new HashSet<>();
    private final List<String> locks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        personalData = new InMemoryPersonalData();
        takenEmails.clear();
        fixture.registerInjectableResource(personalData);
        locks.clear();
        fixture.registerInjectableResource(InMemoryDirectories.writeOrder(locks));
        fixture.registerInjectableResource(new UserDirectory() {
            @Override
            public boolean exists(String userHandle) {
                return true;
            }

            @Override
            public boolean emailInUseByOther(String email, String userHandle) {
                return takenEmails.contains(email.toLowerCase());
            }
        });
    }

    private static Matcher<Throwable> rejectedAs(RejectedCommandException.Reason reason) {
        return Matchers.predicate(e -> e instanceof RejectedCommandException r && r.reason() == reason);
    }

    private static UserRegisteredEvent aliceRegistered() {
        return new UserRegisteredEvent(ALICE, InMemoryPersonalData.sealed("key-1", "Alice Doe", "alice@foo.bar"),
                KEY_HASH);
    }

    private void aliceKeyExists() {
        personalData.knowKey("key-1", "user:alice");
    }

    @Test
    void savingAnUnknownUserRegistersItWithItsKeyHashAndSealedPersonalData() {
        fixture.givenNoPriorActivity()
                .when(new SaveUserCommand(ALICE, "Alice Doe", "alice@foo.bar", KEY_HASH))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(SaveUserResult.CREATED)
                .expectEvents(new UserRegisteredEvent(ALICE,
                        InMemoryPersonalData.sealed("key-1", "Alice Doe", "alice@foo.bar"), KEY_HASH));
    }

    @Test
    void savingAUserWithoutNameStoresAnEmptyName() {
        fixture.givenNoPriorActivity()
                .when(new SaveUserCommand(ALICE, null, "alice@foo.bar", KEY_HASH))
                .expectEvents(new UserRegisteredEvent(ALICE,
                        InMemoryPersonalData.sealed("key-1", "", "alice@foo.bar"), KEY_HASH));
    }

    @Test
    void savingAnExistingUserChangesItsProfileAndKeepsItsKey() {
        aliceKeyExists();
        fixture.given(aliceRegistered())
                .when(new SaveUserCommand(ALICE, "Alice Smith", "alice@foo.bar", NEW_KEY_HASH))
                .expectResultMessagePayload(SaveUserResult.UPDATED)
                .expectEvents(new UserProfileChangedEvent(ALICE,
                        InMemoryPersonalData.sealed("key-1", "Alice Smith", "alice@foo.bar")));
    }

    @Test
    void savingAnExistingUserUnchangedRecordsNothing() {
        aliceKeyExists();
        fixture.given(aliceRegistered())
                .when(new SaveUserCommand(ALICE, "Alice Doe", "alice@foo.bar", NEW_KEY_HASH))
                .expectResultMessagePayload(SaveUserResult.UPDATED)
                .expectNoEvents();
    }

    @Test
    void anEmailUsedByAnotherUserIsRejectedAsConflict() {
        takenEmails.add("alice@foo.bar");
        fixture.givenNoPriorActivity()
                .when(new SaveUserCommand(ALICE, "Alice", "Alice@Foo.bar", KEY_HASH))
                .expectNoEvents()
                .expectException(RejectedCommandException.class)
                .expectExceptionMessage("email address Alice@Foo.bar is already used by another user")
                .expectException(rejectedAs(RejectedCommandException.Reason.CONFLICT));
    }

    @Test
    void theSystemUserCannotBeSaved() {
        fixture.givenNoPriorActivity()
                .when(new SaveUserCommand(SystemUser.HANDLE, "System", "system@test.com", KEY_HASH))
                .expectNoEvents()
                .expectExceptionMessage("_system user cannot send requests - this is a read-only account");
    }

    @Test
    void rotatingTheKeyRecordsTheNewHash() {
        fixture.given(aliceRegistered())
                .when(new RotateUserKeyCommand(ALICE, NEW_KEY_HASH))
                .expectEvents(new UserKeyRotatedEvent(ALICE, NEW_KEY_HASH));
    }

    @Test
    void deletingAUserRecordsTheDeletionAfterLockingTheUsersProjects() {
        fixture.given(aliceRegistered())
                .when(new DeleteUserCommand(ALICE))
                .expectEvents(new UserDeletedEvent(ALICE));
        assertThat(locks).containsExactly("clearing projects of " + ALICE);
    }

    @Test
    void aDeletedUserCannotBeDeletedAgain() {
        fixture.given(aliceRegistered(), new UserDeletedEvent(ALICE))
                .when(new DeleteUserCommand(ALICE))
                .expectNoEvents()
                .expectException(rejectedAs(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void aDeletedUserCannotRotateItsKey() {
        fixture.given(aliceRegistered(), new UserDeletedEvent(ALICE))
                .when(new RotateUserKeyCommand(ALICE, NEW_KEY_HASH))
                .expectNoEvents()
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void aDeletedHandleCanBeRegisteredAgainOnTheSameStreamWithANewDataKey() {
        aliceKeyExists();
        fixture.given(aliceRegistered(), new UserDeletedEvent(ALICE))
                .when(new SaveUserCommand(ALICE, "Alice Again", "alice@foo.bar", NEW_KEY_HASH))
                .expectResultMessagePayload(SaveUserResult.CREATED)
                .expectEvents(new UserRegisteredEvent(ALICE,
                        InMemoryPersonalData.sealed("key-2", "Alice Again", "alice@foo.bar"), NEW_KEY_HASH));
    }

    @Test
    void theSystemUserIsRegisteredOnceWithoutAKey() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSystemUserCommand())
                .expectEvents(new UserRegisteredEvent(SystemUser.HANDLE,
                        InMemoryPersonalData.sealed("key-1", SystemUser.NAME, SystemUser.EMAIL), null));
    }

    @Test
    void registeringTheSystemUserAgainChangesNothing() {
        fixture.given(new UserRegisteredEvent(SystemUser.HANDLE,
                        InMemoryPersonalData.sealed("key-1", SystemUser.NAME, SystemUser.EMAIL), null))
                .when(new RegisterSystemUserCommand())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSystemUserCannotBeDeletedOrRekeyed() {
        UserRegisteredEvent system = new UserRegisteredEvent(SystemUser.HANDLE,
                InMemoryPersonalData.sealed("key-1", SystemUser.NAME, SystemUser.EMAIL), null);
        fixture.given(system)
                .when(new DeleteUserCommand(SystemUser.HANDLE))
                .expectNoEvents()
                .expectException(rejectedAs(RejectedCommandException.Reason.FORBIDDEN));
        fixture.given(system)
                .when(new RotateUserKeyCommand(SystemUser.HANDLE, NEW_KEY_HASH))
                .expectNoEvents()
                .expectException(RejectedCommandException.class);
    }

    @Test
    void eventsNeverCarryTheNameOrEmailInClear() {
        UserRegisteredEvent event = aliceRegistered();
        assertThat(event.personalData().name()).isNotEqualTo("Alice Doe");
        assertThat(event.personalData().email()).isNotEqualTo("alice@foo.bar");
    }

    @Test
    void aPatchComputedFromAnOlderVersionIsRejected() {
        aliceKeyExists();
        fixture.given(aliceRegistered(), new UserKeyRotatedEvent(ALICE, NEW_KEY_HASH))
                .when(new SaveUserCommand(ALICE, "Alice Smith", "alice@foo.bar", KEY_HASH, 0L))
                .expectNoEvents()
                .expectException(rejectedAs(RejectedCommandException.Reason.CONFLICT));
    }
}
