package io.embapi.command.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.command.InMemoryDirectories;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.DeleteAllEmbeddingsCommand;
import io.embapi.shared.embedding.DeleteEmbeddingCommand;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.project.DeleteProjectCommand;
import io.embapi.shared.project.DescribeProjectCommand;
import io.embapi.shared.project.InstanceRef;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final long ID = 7;
    private static final ProjectSettings PLAIN = new ProjectSettings("A project", null, null, false);
    private static final ProjectSettings PUBLIC = new ProjectSettings("A project", null, null, true);
    private static final String SCHEMA = "{\"type\":\"object\"}";

    private AggregateTestFixture<Project> fixture;
    private final List<String> locks = new ArrayList<>();
    private final Set<String> users = new HashSet<>(Set.of("alice", "bob", "charlie"));
    private final Set<InstanceRef> instances = new HashSet<>();
    private final Map<String, Long> projects = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(InMemoryDirectories.users(users));
        locks.clear();
        fixture.registerInjectableResource(InMemoryDirectories.writeOrder(locks));
        fixture.registerInjectableResource(new ProjectDirectory() {
            @Override
            public Optional<Long> projectIdOf(String owner, String projectHandle) {
                return Optional.ofNullable(projects.get(owner + "/" + projectHandle));
            }

            @Override
            public long allocateProjectId() {
                return 99;
            }

            @Override
            public long embeddingCount(long projectId) {
                return 0;
            }

            @Override
            public boolean instanceExists(InstanceRef instance) {
                return instances.contains(instance);
            }
        });
    }

    private static Matcher<Throwable> rejected(RejectedCommandException.Reason reason) {
        return Matchers.predicate(e -> e instanceof RejectedCommandException r && r.reason() == reason);
    }

    private static SaveProjectCommand save(ProjectSettings settings, ProjectShare... shares) {
        return new SaveProjectCommand(ID, "alice", "test1", settings, List.of(shares), null);
    }

    private static ProjectCreatedEvent created() {
        return new ProjectCreatedEvent(ID, "alice", "test1", PLAIN);
    }

    @Test
    void savingANewProjectCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(save(PLAIN))
                .expectResultMessagePayload(new SaveProjectResult(ID, true, false))
                .expectEvents(created());
    }

    @Test
    void sharesGivenOnCreationAreRecordedAfterTheCreation() {
        fixture.givenNoPriorActivity()
                .when(save(PLAIN, new ProjectShare("bob", "reader"), new ProjectShare("charlie", "editor")))
                .expectEvents(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER),
                        new ProjectSharedEvent(ID, "charlie", ProjectRole.EDITOR));
    }

    @Test
    void savingChangedSettingsReplacesThem() {
        ProjectSettings changed = new ProjectSettings("Other", SCHEMA, null, true);
        fixture.given(created())
                .when(save(changed))
                .expectResultMessagePayload(new SaveProjectResult(ID, false, true))
                .expectEvents(new ProjectSettingsChangedEvent(ID, changed));
    }

    @Test
    void savingUnchangedSettingsRecordsNothing() {
        fixture.given(created())
                .when(save(PLAIN))
                .expectResultMessagePayload(new SaveProjectResult(ID, false, false))
                .expectNoEvents();
    }

    @Test
    void theOwnerMustExist() {
        users.remove("alice");
        fixture.givenNoPriorActivity()
                .when(save(PLAIN))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void aLinkedInstanceMustExist() {
        ProjectSettings linked = new ProjectSettings("", null, new InstanceRef("alice", "embedding1"), false);
        fixture.givenNoPriorActivity()
                .when(save(linked))
                .expectNoEvents()
                .expectExceptionMessage("LLM Service Instance embedding1 owned by alice not found");
        instances.add(new InstanceRef("alice", "embedding1"));
        fixture.givenNoPriorActivity()
                .when(save(linked))
                .expectEvents(new ProjectCreatedEvent(ID, "alice", "test1", linked));
    }

    @Test
    void sharingOnSaveWithTheOwnerIsRejected() {
        fixture.givenNoPriorActivity()
                .when(save(PLAIN, new ProjectShare("alice", "reader")))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("cannot share project with owner alice");
    }

    @Test
    void sharingOnSaveWithAnUnknownRoleIsRejected() {
        fixture.givenNoPriorActivity()
                .when(save(PLAIN, new ProjectShare("bob", "owner")))
                .expectNoEvents()
                .expectExceptionMessage("invalid role owner for user bob. Role must be either \"editor\" or \"reader\"");
    }

    @Test
    void sharingOnSaveWithAnUnknownUserIsRejected() {
        fixture.givenNoPriorActivity()
                .when(save(PLAIN, new ProjectShare("dave", "reader")))
                .expectNoEvents()
                .expectExceptionMessage("shared user dave does not exist");
    }

    @Test
    void describingAnswersTheSettingsAndVersion() {
        fixture.given(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER))
                .when(new DescribeProjectCommand(ID))
                .expectResultMessagePayload(new ProjectDescription("alice", "test1", PLAIN, 1))
                .expectNoEvents();
    }

    @Test
    void sharingRecordsTheRoleAndResharingChangesIt() {
        fixture.given(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER))
                .when(new ShareProjectCommand(ID, "bob", "editor"))
                .expectEvents(new ProjectSharedEvent(ID, "bob", ProjectRole.EDITOR));
    }

    @Test
    void sharingWithTheOwnerAMissingUserOrAnOddRoleIsRejected() {
        fixture.given(created()).when(new ShareProjectCommand(ID, "alice", "reader"))
                .expectNoEvents().expectExceptionMessage("cannot share project with owner");
        fixture.given(created()).when(new ShareProjectCommand(ID, "dave", "reader"))
                .expectNoEvents().expectExceptionMessage("target user dave does not exist: user dave not found");
        fixture.given(created()).when(new ShareProjectCommand(ID, "bob", "admin"))
                .expectNoEvents()
                .expectExceptionMessage("invalid role admin. Role must be either \"editor\" or \"reader\"");
    }

    @Test
    void unsharingRemovesAMember() {
        fixture.given(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER))
                .when(new UnshareProjectCommand(ID, "bob"))
                .expectEvents(new ProjectUnsharedEvent(ID, "bob"));
    }

    @Test
    void unsharingSomeoneWhoIsNoMemberOrTheOwnerIsRejected() {
        fixture.given(created()).when(new UnshareProjectCommand(ID, "bob"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("project alice/test1 is not shared with user bob");
        fixture.given(created()).when(new UnshareProjectCommand(ID, "alice"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("cannot unshare project from owner");
    }

    @Test
    void transferringGivesTheProjectToTheNewOwnerOnTheSameStream() {
        fixture.given(created(), new ProjectSharedEvent(ID, "charlie", ProjectRole.EDITOR))
                .when(new TransferProjectOwnershipCommand(ID, "charlie"))
                .expectEvents(new ProjectOwnershipTransferredEvent(ID, "test1", "alice", "charlie"));
    }

    @Test
    void afterATransferTheNewOwnerIsNoLongerAMember() {
        fixture.given(created(), new ProjectSharedEvent(ID, "charlie", ProjectRole.EDITOR),
                        new ProjectOwnershipTransferredEvent(ID, "test1", "alice", "charlie"))
                .when(new UnshareProjectCommand(ID, "charlie"))
                .expectNoEvents()
                .expectExceptionMessage("cannot unshare project from owner");
    }

    @Test
    void transferRulesFollowTheReference() {
        fixture.given(created()).when(new TransferProjectOwnershipCommand(ID, "alice"))
                .expectNoEvents().expectExceptionMessage("new owner must be different from current owner");
        fixture.given(created()).when(new TransferProjectOwnershipCommand(ID, "dave"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("new owner user dave not found");
        projects.put("bob/test1", 3L);
        fixture.given(created()).when(new TransferProjectOwnershipCommand(ID, "bob"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT))
                .expectExceptionMessage("new owner bob already has a project with handle test1");
    }

    @Test
    void embeddingDeletionsTakeTheWriteOrderLocksBeforeTheirEvents() {
        fixture.given(created())
                .when(new DeleteEmbeddingCommand(ID, "doc-1"))
                .expectEvents(new EmbeddingDeletedEvent(ID, "doc-1"));
        fixture.given(created())
                .when(new DeleteAllEmbeddingsCommand(ID))
                .expectEvents(new AllEmbeddingsDeletedEvent(ID));
        assertThat(locks).containsExactly("writing " + ID + " [doc-1]", "clearing " + ID);
    }

    @Test
    void aDeletionOfAnIdNotStoredOnceTheLocksAreHeldIsRefused() {
        fixture.given(created())
                .when(new DeleteEmbeddingCommand(ID, "missing-1"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("no embeddings found for user alice, project test1, id missing-1.");
        assertThat(locks).containsExactly("writing " + ID + " [missing-1]");
    }

    @Test
    void deletingRecordsTheDeletionOnceAndADeletedProjectTakesNoMoreCommands() {
        fixture.given(created())
                .when(new DeleteProjectCommand(ID))
                .expectEvents(new ProjectDeletedEvent(ID, "alice", "test1"));
        assertThat(locks).containsExactly("clearing " + ID);
        fixture.given(created(), new ProjectDeletedEvent(ID, "alice", "test1"))
                .when(new ShareProjectCommand(ID, "bob", "reader"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND));
        fixture.given(created(), new ProjectDeletedEvent(ID, "alice", "test1"))
                .when(save(PUBLIC))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT));
    }

    @Test
    void aPatchComputedFromAnOlderVersionIsRejectedAndTheCurrentOneAccepted() {
        ProjectSettings changed = new ProjectSettings("Patched", null, null, false);
        fixture.given(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER))
                .when(new SaveProjectCommand(ID, "alice", "test1", changed, List.of(), 0L))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT));
        fixture.given(created(), new ProjectSharedEvent(ID, "bob", ProjectRole.READER))
                .when(new SaveProjectCommand(ID, "alice", "test1", changed, List.of(), 1L))
                .expectEvents(new ProjectSettingsChangedEvent(ID, changed));
    }
}
