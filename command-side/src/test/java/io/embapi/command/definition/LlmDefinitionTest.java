package io.embapi.command.definition;

import io.embapi.command.InMemoryDirectories;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.definition.DefinitionChangedEvent;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionDeletedEvent;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmDefinitionTest {

    private static final long ID = 5;
    private static final DefinitionSpec SPEC = new DefinitionSpec("https://api.openai.com/v1/embeddings",
            "OpenAI instance with large model", "openai", "text-embedding-3-large", 3072, 8192, false);
    private static final DefinitionSpec OTHER = new DefinitionSpec("https://e.example.org", "", "cohere",
            "embed-v4.0", 1536, 0, true);

    private AggregateTestFixture<LlmDefinition> fixture;
    private final Set<String> users = new HashSet<>(Set.of("alice", "bob", "_system"));
    private final Set<String> standards = new HashSet<>(Set.of("openai", "cohere"));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LlmDefinition.class);
        fixture.registerInjectableResource(InMemoryDirectories.users(users));
        fixture.registerInjectableResource(InMemoryDirectories.standards(standards, Set.of()));
    }

    private static Matcher<Throwable> rejected(RejectedCommandException.Reason reason) {
        return Matchers.predicate(e -> e instanceof RejectedCommandException r && r.reason() == reason);
    }

    private static SaveDefinitionCommand save(DefinitionSpec spec) {
        return new SaveDefinitionCommand(ID, "alice", "def1", spec, null);
    }

    private static DefinitionCreatedEvent created() {
        return new DefinitionCreatedEvent(ID, "alice", "def1", SPEC);
    }

    private static DefinitionDeletedEvent deleted() {
        return new DefinitionDeletedEvent(ID, "alice", "def1");
    }

    // ---- save ----------------------------------------------------------------------------------------------

    @Test
    void savingANewDefinitionCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(save(SPEC))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new SavedDefinition(ID, false))
                .expectEvents(created());
    }

    @Test
    void theAnswerCarriesThePublicFlag() {
        fixture.givenNoPriorActivity()
                .when(save(OTHER))
                .expectResultMessagePayload(new SavedDefinition(ID, true))
                .expectEvents(new DefinitionCreatedEvent(ID, "alice", "def1", OTHER));
    }

    @Test
    void savingTheSameSpecRecordsNothing() {
        fixture.given(created())
                .when(save(SPEC))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new SavedDefinition(ID, false))
                .expectNoEvents();
    }

    @Test
    void savingAChangedSpecReplacesIt() {
        fixture.given(created())
                .when(save(OTHER))
                .expectResultMessagePayload(new SavedDefinition(ID, true))
                .expectEvents(new DefinitionChangedEvent(ID, OTHER));
    }

    @Test
    void savingTheSpecBeforeTheLastChangeIsAChangeAgain() {
        fixture.given(created(), new DefinitionChangedEvent(ID, OTHER))
                .when(save(SPEC))
                .expectEvents(new DefinitionChangedEvent(ID, SPEC));
    }

    @Test
    void aSingleFieldDifferenceIsAChange() {
        DefinitionSpec wider = new DefinitionSpec(SPEC.endpoint(), SPEC.description(), SPEC.apiStandard(),
                SPEC.model(), 3073, SPEC.contextLimit(), SPEC.isPublic());
        fixture.given(created())
                .when(save(wider))
                .expectEvents(new DefinitionChangedEvent(ID, wider));
    }

    @Test
    void theOwnerMustExist() {
        users.remove("alice");
        fixture.givenNoPriorActivity()
                .when(save(SPEC))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void theApiStandardMustExist() {
        standards.remove("openai");
        fixture.givenNoPriorActivity()
                .when(save(SPEC))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("API standard openai not found");
    }

    @Test
    void theApiStandardMustExistForAChangeToo() {
        fixture.given(created())
                .when(save(new DefinitionSpec("", "", "gemini", "", null, 0, false)))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("API standard gemini not found");
    }

    @Test
    void aMissingOwnerIsReportedBeforeAMissingStandard() {
        users.remove("alice");
        standards.remove("openai");
        fixture.givenNoPriorActivity()
                .when(save(SPEC))
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("user alice not found");
    }

    @Test
    void savingAtAnOutdatedVersionIsAConflict() {
        fixture.given(created(), new DefinitionChangedEvent(ID, OTHER))
                .when(new SaveDefinitionCommand(ID, "alice", "def1", SPEC, 0L))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT))
                .expectExceptionMessage("the definition was changed by a concurrent request; retry the request");
    }

    @Test
    void savingAtTheCurrentVersionSucceeds() {
        fixture.given(created(), new DefinitionChangedEvent(ID, OTHER))
                .when(new SaveDefinitionCommand(ID, "alice", "def1", SPEC, 1L))
                .expectEvents(new DefinitionChangedEvent(ID, SPEC));
    }

    // ---- seed ----------------------------------------------------------------------------------------------

    @Test
    void seedingANewDefinitionCreatesIt() {
        DefinitionSpec large = new DefinitionSpec("https://api.openai.com/v1/embeddings", "", "openai",
                "text-embedding-3-large", 3072, 8192, true);
        fixture.givenNoPriorActivity()
                .when(new SeedDefinitionCommand(1, "_system", "openai-large", large))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DefinitionCreatedEvent(1, "_system", "openai-large", large));
    }

    @Test
    void seedingAnExistingDefinitionRecordsNothing() {
        fixture.given(new DefinitionCreatedEvent(ID, "_system", "def1", SPEC))
                .when(new SeedDefinitionCommand(ID, "_system", "def1", OTHER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void seedingNeedsNeitherTheOwnerNorTheStandardToBeKnown() {
        users.clear();
        standards.clear();
        fixture.givenNoPriorActivity()
                .when(new SeedDefinitionCommand(ID, "_system", "def1", SPEC))
                .expectEvents(new DefinitionCreatedEvent(ID, "_system", "def1", SPEC));
    }

    // ---- describe ------------------------------------------------------------------------------------------

    @Test
    void describingAnswersTheSpecAndVersionWithoutEvents() {
        fixture.given(created())
                .when(new DescribeDefinitionCommand(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new DefinitionDescription(SPEC, 0));
    }

    @Test
    void describingAfterChangesAnswersTheLatestSpecAndVersion() {
        fixture.given(created(), new DefinitionChangedEvent(ID, OTHER), new DefinitionSharedEvent(ID, "bob"))
                .when(new DescribeDefinitionCommand(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new DefinitionDescription(OTHER, 2));
    }

    // ---- share / unshare -----------------------------------------------------------------------------------

    @Test
    void sharingRecordsTheUser() {
        fixture.given(created())
                .when(new ShareDefinitionCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DefinitionSharedEvent(ID, "bob"));
    }

    @Test
    void sharingWithTheOwnerIsRejected() {
        fixture.given(created())
                .when(new ShareDefinitionCommand(ID, "alice"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("cannot share definition with owner");
    }

    @Test
    void sharingWithAMissingUserIsRejected() {
        fixture.given(created())
                .when(new ShareDefinitionCommand(ID, "charlie"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("target user charlie does not exist: user charlie not found");
    }

    @Test
    void sharingAgainIsAccepted() {
        fixture.given(created(), new DefinitionSharedEvent(ID, "bob"))
                .when(new ShareDefinitionCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void unsharingASharedUserRecordsIt() {
        fixture.given(created(), new DefinitionSharedEvent(ID, "bob"))
                .when(new UnshareDefinitionCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DefinitionUnsharedEvent(ID, "bob"));
    }

    @Test
    void unsharingAUserItIsNotSharedWithRecordsNothing() {
        fixture.given(created())
                .when(new UnshareDefinitionCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unsharingTwiceRecordsOnlyTheFirst() {
        fixture.given(created(), new DefinitionSharedEvent(ID, "bob"), new DefinitionUnsharedEvent(ID, "bob"))
                .when(new UnshareDefinitionCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unsharingAMissingUserIsAccepted() {
        fixture.given(created())
                .when(new UnshareDefinitionCommand(ID, "nobody"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- delete --------------------------------------------------------------------------------------------

    @Test
    void deletingRecordsOwnerAndHandle() {
        fixture.given(created(), new DefinitionSharedEvent(ID, "bob"))
                .when(new DeleteDefinitionCommand(ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deleted());
    }

    @Test
    void deletingTwiceIsNotFound() {
        fixture.given(created(), deleted())
                .when(new DeleteDefinitionCommand(ID))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("definition alice/def1 not found");
    }

    @Test
    void sharingADeletedDefinitionIsNotFound() {
        fixture.given(created(), deleted())
                .when(new ShareDefinitionCommand(ID, "bob"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("definition alice/def1 not found");
    }

    @Test
    void unsharingFromADeletedDefinitionIsNotFound() {
        fixture.given(created(), new DefinitionSharedEvent(ID, "bob"), deleted())
                .when(new UnshareDefinitionCommand(ID, "bob"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("definition alice/def1 not found");
    }

    @Test
    void describingADeletedDefinitionIsNotFound() {
        fixture.given(created(), deleted())
                .when(new DescribeDefinitionCommand(ID))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("definition alice/def1 not found");
    }

    @Test
    void savingADeletedDefinitionIsRejectedAsAConflict() {
        // The controller never sends this (a deleted handle gets a fresh id); a save racing a delete is refused.
        fixture.given(created(), deleted())
                .when(save(SPEC))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.CONFLICT));
    }

    @Test
    void seedingADeletedDefinitionRecordsNothing() {
        fixture.given(created(), deleted())
                .when(new SeedDefinitionCommand(ID, "alice", "def1", SPEC))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
