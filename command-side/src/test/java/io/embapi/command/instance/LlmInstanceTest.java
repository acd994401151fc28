package io.embapi.command.instance;

import io.embapi.command.InMemoryDirectories;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.instance.DeleteInstanceCommand;
import io.embapi.shared.instance.DescribeInstanceCommand;
import io.embapi.shared.instance.InstanceChangedEvent;
import io.embapi.shared.instance.InstanceCreatedEvent;
import io.embapi.shared.instance.InstanceDeletedEvent;
import io.embapi.shared.instance.InstanceSharedEvent;
import io.embapi.shared.instance.InstanceSpec;
import io.embapi.shared.instance.InstanceUnsharedEvent;
import io.embapi.shared.instance.SaveInstanceCommand;
import io.embapi.shared.instance.ShareInstanceCommand;
import io.embapi.shared.instance.UnshareInstanceCommand;
import io.embapi.shared.privacy.SealedSecret;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmInstanceTest {

    private static final long ID = 11;
    private static final InstanceSpec SPEC = new InstanceSpec(null, "https://api.example.org/v1/embed", "test",
            "openai", "embed-1", 5, 8192);
    private static final SealedSecret KEY = new SealedSecret("k-1", "Y2lwaGVydGV4dA==");

    private AggregateTestFixture<LlmInstance> fixture;
    private final Set<String> users = new HashSet<>(Set.of("alice", "bob", "charlie"));
    private final Set<String> standards = new HashSet<>(Set.of("openai", "cohere"));
    private final Set<String> usedInstances = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LlmInstance.class);
        fixture.registerInjectableResource(InMemoryDirectories.users(users));
        fixture.registerInjectableResource(InMemoryDirectories.standards(standards, Set.of()));
        fixture.registerInjectableResource(new InstanceDirectory() {
            @Override
            public Optional<Long> instanceIdOf(String owner, String instanceHandle) {
                return Optional.empty();
            }

            @Override
            public long allocateInstanceId() {
                return ID;
            }

            @Override
            public boolean usedByProjects(String owner, String instanceHandle) {
                return usedInstances.contains(owner + "/" + instanceHandle);
            }
        });
    }

    private static Matcher<Throwable> rejected(RejectedCommandException.Reason reason) {
        return Matchers.predicate(e -> e instanceof RejectedCommandException r && r.reason() == reason);
    }

    private static SaveInstanceCommand save(InstanceSpec spec, SealedSecret key) {
        return new SaveInstanceCommand(ID, "alice", "embedding1", spec, key, null);
    }

    private static InstanceCreatedEvent created() {
        return new InstanceCreatedEvent(ID, "alice", "embedding1", SPEC, KEY);
    }

    private static InstanceDeletedEvent deleted() {
        return new InstanceDeletedEvent(ID, "alice", "embedding1");
    }

    @Test
    void savingANewInstanceCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(save(SPEC, KEY))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectEvents(created());
    }

    @Test
    void anInstanceWithoutKeyCarriesNone() {
        fixture.givenNoPriorActivity()
                .when(save(SPEC, null))
                .expectEvents(new InstanceCreatedEvent(ID, "alice", "embedding1", SPEC, null));
    }

    @Test
    void savingItUnchangedRecordsNothing() {
        fixture.given(created())
                .when(save(SPEC, KEY))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectNoEvents();
    }

    @Test
    void aChangedSpecReplacesIt() {
        InstanceSpec changed = new InstanceSpec(null, "https://other.example.org", "other", "cohere", "embed-2", 7, 0);
        fixture.given(created())
                .when(save(changed, KEY))
                .expectEvents(new InstanceChangedEvent(ID, changed, KEY));
    }

    @Test
    void aChangedKeyReplacesIt() {
        SealedSecret other = new SealedSecret("k-2", "b3RoZXI=");
        fixture.given(created())
                .when(save(SPEC, other))
                .expectEvents(new InstanceChangedEvent(ID, SPEC, other));
    }

    @Test
    void savingWithoutKeyRemovesTheKey() {
        fixture.given(created())
                .when(save(SPEC, null))
                .expectEvents(new InstanceChangedEvent(ID, SPEC, null));
    }

    @Test
    void theKeyOfAChangeIsTheNewState() {
        SealedSecret other = new SealedSecret("k-2", "b3RoZXI=");
        fixture.given(created(), new InstanceChangedEvent(ID, SPEC, other))
                .when(save(SPEC, other))
                .expectNoEvents();
    }

    @Test
    void theOwnerMustExist() {
        users.remove("alice");
        fixture.givenNoPriorActivity()
                .when(save(SPEC, KEY))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void theApiStandardMustExist() {
        InstanceSpec unknown = new InstanceSpec(null, "", "", "nosuch", "", 5, 0);
        fixture.givenNoPriorActivity()
                .when(save(unknown, null))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("API standard nosuch not found");
        fixture.given(created())
                .when(save(unknown, KEY))
                .expectNoEvents()
                .expectExceptionMessage("API standard nosuch not found");
    }

    @Test
    void describingAnswersSpecKeyAndVersion() {
        fixture.given(created(), new InstanceSharedEvent(ID, "bob", "reader"))
                .when(new DescribeInstanceCommand(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new InstanceDescription(SPEC, KEY, 1));
    }

    @Test
    void sharingAsReaderOrEditorIsRecorded() {
        fixture.given(created())
                .when(new ShareInstanceCommand(ID, "bob", "reader"))
                .expectEvents(new InstanceSharedEvent(ID, "bob", "reader"));
        fixture.given(created(), new InstanceSharedEvent(ID, "bob", "reader"))
                .when(new ShareInstanceCommand(ID, "bob", "editor"))
                .expectEvents(new InstanceSharedEvent(ID, "bob", "editor"));
    }

    @Test
    void sharingWithTheOwnerIsRejected() {
        fixture.given(created())
                .when(new ShareInstanceCommand(ID, "alice", "reader"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("cannot share instance with owner");
    }

    @Test
    void sharingNeedsAKnownRole() {
        fixture.given(created())
                .when(new ShareInstanceCommand(ID, "bob", "owner"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("invalid role owner. Role must be either \"editor\" or \"reader\"");
    }

    @Test
    void sharingNeedsAnExistingTarget() {
        fixture.given(created())
                .when(new ShareInstanceCommand(ID, "dora", "reader"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("target user dora does not exist: user dora not found");
    }

    @Test
    void unsharingRemovesAccess() {
        fixture.given(created(), new InstanceSharedEvent(ID, "bob", "reader"))
                .when(new UnshareInstanceCommand(ID, "bob"))
                .expectEvents(new InstanceUnsharedEvent(ID, "bob"));
    }

    @Test
    void unsharingAUserWithoutAccessIsNotFound() {
        fixture.given(created(), new InstanceSharedEvent(ID, "bob", "reader"), new InstanceUnsharedEvent(ID, "bob"))
                .when(new UnshareInstanceCommand(ID, "bob"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("instance alice/embedding1 is not shared with user bob");
    }

    @Test
    void deletingAnUnusedInstance() {
        fixture.given(created())
                .when(new DeleteInstanceCommand(ID))
                .expectEvents(deleted());
    }

    @Test
    void deletingAnInstanceUsedByProjectsIsAConflict() {
        usedInstances.add("alice/embedding1");
        fixture.given(created())
                .when(new DeleteInstanceCommand(ID))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT))
                .expectExceptionMessage("instance alice/embedding1 is used by one or more projects; link them to "
                        + "another instance or delete them first");
    }

    @Test
    void commandsAfterDeletionAreNotFound() {
        Object[] commands = {new DescribeInstanceCommand(ID), new ShareInstanceCommand(ID, "bob", "reader"),
                new UnshareInstanceCommand(ID, "bob"), new DeleteInstanceCommand(ID)};
        for (Object command : commands) {
            fixture.given(created(), new InstanceSharedEvent(ID, "bob", "reader"), deleted())
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                    .expectExceptionMessage("instance alice/embedding1 not found");
        }
    }

    @Test
    void savingAfterDeletionIsAConflict() {
        fixture.given(created(), deleted())
                .when(save(SPEC, KEY))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT))
                .expectExceptionMessage("instance alice/embedding1 was deleted concurrently; retry the request");
    }
}
