package io.embapi.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.command.InMemoryDirectories;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.user.ForgetUserCommand;
import io.embapi.shared.user.SaveUserCommand;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserForgottenEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Forget user" on the {@link User} aggregate: delete as DELETE does, shred every key of the handle, once. */
class UserForgetTest {

    private static final String ALICE = "alice";
    private static final String KEY_HASH = "a".repeat(64);
    private static final String NEW_KEY_HASH = "b".repeat(64);

    private AggregateTestFixture<User> fixture;
    private InMemoryPersonalData personalData;
    private final List<String> locks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        personalData = new InMemoryPersonalData();
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
                return false;
            }
        });
    }

    private static UserRegisteredEvent registered(String keyId) {
        return new UserRegisteredEvent(ALICE, InMemoryPersonalData.sealed(keyId, "Alice Doe", "alice@foo.bar"),
                KEY_HASH);
    }

    @Test
    void forgettingAnExistingUserDeletesItAsDeleteDoesThenShredsItsKey() {
        personalData.knowKey("key-1", "user:alice");
        fixture.given(registered("key-1"))
                .when(new ForgetUserCommand(ALICE))
                .expectResultMessagePayload(true)
                .expectEvents(new UserDeletedEvent(ALICE), new UserForgottenEvent(ALICE, List.of("key-1")));
        assertThat(locks).containsExactly("clearing projects of " + ALICE);
        assertThat(personalData.hasKey("key-1")).isFalse();
    }

    @Test
    void forgettingADeletedUserShredsTheKeysOfEveryEarlierRegistrationAndDeletesNothingAgain() {
        personalData.knowKey("key-1", "user:alice");
        personalData.knowKey("key-2", "user:alice");
        personalData.knowKey("key-3", "user:bob");
        fixture.given(registered("key-1"), new UserDeletedEvent(ALICE), registered("key-2"),
                        new UserProfileChangedEvent(ALICE, InMemoryPersonalData.sealed("key-2", "A", "a@foo.bar")),
                        new UserDeletedEvent(ALICE))
                .when(new ForgetUserCommand(ALICE))
                .expectEvents(new UserForgottenEvent(ALICE, List.of("key-1", "key-2")));
        assertThat(locks).isEmpty();
        assertThat(personalData.hasKey("key-3")).as("another subject's key").isTrue();
    }

    @Test
    void forgettingAgainChangesNothing() {
        fixture.given(registered("key-1"), new UserDeletedEvent(ALICE),
                        new UserForgottenEvent(ALICE, List.of("key-1")))
                .when(new ForgetUserCommand(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aForgottenHandleCanBeRegisteredAgainAndForgottenAgainWithOnlyItsNewKey() {
        personalData.knowKey("key-1", "user:alice");
        personalData.forget("key-1");
        fixture.given(registered("key-1"), new UserDeletedEvent(ALICE),
                        new UserForgottenEvent(ALICE, List.of("key-1")))
                .when(new SaveUserCommand(ALICE, "Alice New", "new@foo.bar", NEW_KEY_HASH))
                .expectEvents(new UserRegisteredEvent(ALICE,
                        InMemoryPersonalData.sealed("key-2", "Alice New", "new@foo.bar"), NEW_KEY_HASH));

        fixture.given(registered("key-1"), new UserDeletedEvent(ALICE),
                        new UserForgottenEvent(ALICE, List.of("key-1")), registered("key-2"))
                .when(new ForgetUserCommand(ALICE))
                .expectEvents(new UserDeletedEvent(ALICE), new UserForgottenEvent(ALICE, List.of("key-2")));
    }

    @Test
    void aHandleThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ForgetUserCommand(ALICE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void theSystemUserCannotBeForgotten() {
        fixture.given(new UserRegisteredEvent(SystemUser.HANDLE,
                        InMemoryPersonalData.sealed("key-1", SystemUser.NAME, SystemUser.EMAIL), null))
                .when(new ForgetUserCommand(SystemUser.HANDLE))
                .expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof RejectedCommandException r
                        && r.reason() == RejectedCommandException.Reason.FORBIDDEN));
    }
}
