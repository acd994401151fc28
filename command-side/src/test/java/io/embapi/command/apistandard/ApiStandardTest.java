package io.embapi.command.apistandard;

import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.apistandard.ApiStandardDefinition;
import io.embapi.shared.apistandard.ApiStandardDeletedEvent;
import io.embapi.shared.apistandard.ApiStandardSavedEvent;
import io.embapi.shared.apistandard.DeleteApiStandardCommand;
import io.embapi.shared.apistandard.DescribeApiStandardCommand;
import io.embapi.shared.apistandard.KeyMethod;
import io.embapi.shared.apistandard.SaveApiStandardCommand;
import io.embapi.shared.apistandard.SeedApiStandardCommand;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiStandardTest {

    private static final String HANDLE = "openai";
    private static final ApiStandardDefinition OPENAI = new ApiStandardDefinition("OpenAI Embeddings API, Version 1, "
            + "as documented in https://platform.openai.com/docs/api-reference/embeddings", KeyMethod.AUTH_BEARER,
            "Authorization");
    private static final ApiStandardDefinition CHANGED = new ApiStandardDefinition("OpenAI, with a custom header",
            KeyMethod.CUSTOM_HEADER, "X-OpenAI-Key");
    private static final String IN_USE = "cannot delete API standard openai because it is still in use by one or "
            + "more LLM service definitions. Please update or delete those definitions first.";

    private AggregateTestFixture<ApiStandard> fixture;
    private final Set<String> usedByDefinitions = new HashSet<>();
    private final Set<String> existing = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiStandard.class);
        fixture.registerInjectableResource(new ApiStandardUsage() {
            @Override
            public boolean usedByDefinitions(String handle) {
                return usedByDefinitions.contains(handle);
            }

            @Override
            public boolean exists(String handle) {
                return existing.contains(handle);
            }
        });
    }

    private static Matcher<Throwable> rejected(RejectedCommandException.Reason reason) {
        return Matchers.predicate(e -> e instanceof RejectedCommandException r && r.reason() == reason);
    }

    private static SaveApiStandardCommand save(ApiStandardDefinition definition) {
        return new SaveApiStandardCommand(HANDLE, definition, null);
    }

    private static ApiStandardSavedEvent saved(ApiStandardDefinition definition) {
        return new ApiStandardSavedEvent(HANDLE, definition);
    }

    private static ApiStandardDeletedEvent deleted() {
        return new ApiStandardDeletedEvent(HANDLE);
    }

    // ---- save ----------------------------------------------------------------------------------------------

    @Test
    void savingANewStandardCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(save(OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(saved(OPENAI));
    }

    @Test
    void savingUnchangedContentRecordsNothing() {
        fixture.given(saved(OPENAI))
                .when(save(OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void savingEqualButDistinctContentRecordsNothing() {
        ApiStandardDefinition copy = new ApiStandardDefinition(OPENAI.description(), OPENAI.keyMethod(),
                OPENAI.keyField());
        fixture.given(saved(OPENAI))
                .when(save(copy))
                .expectNoEvents();
    }

    @Test
    void savingChangedContentReplacesIt() {
        fixture.given(saved(OPENAI))
                .when(save(CHANGED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(saved(CHANGED));
    }

    @Test
    void eachChangedFieldCountsAsAChange() {
        ApiStandardDefinition description = new ApiStandardDefinition("Other", OPENAI.keyMethod(), OPENAI.keyField());
        ApiStandardDefinition method = new ApiStandardDefinition(OPENAI.description(), KeyMethod.QUERY_PARAM,
                OPENAI.keyField());
        ApiStandardDefinition field = new ApiStandardDefinition(OPENAI.description(), OPENAI.keyMethod(), "key");
        for (ApiStandardDefinition changed : new ApiStandardDefinition[] {description, method, field}) {
            fixture.given(saved(OPENAI))
                    .when(save(changed))
                    .expectEvents(saved(changed));
        }
    }

    @Test
    void savingAfterADeletionCreatesTheStandardAgain() {
        fixture.given(saved(OPENAI), deleted())
                .when(save(OPENAI))
                .expectEvents(saved(OPENAI));
    }

    @Test
    void savingAfterADeletionMayChangeTheContent() {
        fixture.given(saved(OPENAI), deleted())
                .when(save(CHANGED))
                .expectEvents(saved(CHANGED));
    }

    // ---- seed ----------------------------------------------------------------------------------------------

    @Test
    void seedingANewStreamCreatesTheStandard() {
        fixture.givenNoPriorActivity()
                .when(new SeedApiStandardCommand(HANDLE, OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(saved(OPENAI));
    }

    @Test
    void seedingAnExistingStandardRecordsNothing() {
        fixture.given(saved(OPENAI))
                .when(new SeedApiStandardCommand(HANDLE, OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void seedingDoesNotOverwriteAReplacedStandard() {
        fixture.given(saved(OPENAI), saved(CHANGED))
                .when(new SeedApiStandardCommand(HANDLE, OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void seedingDoesNotBringBackADeletedStandard() {
        fixture.given(saved(OPENAI), deleted())
                .when(new SeedApiStandardCommand(HANDLE, OPENAI))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- describe ------------------------------------------------------------------------------------------

    @Test
    void describingAnswersTheDefinitionAndVersion() {
        fixture.given(saved(OPENAI))
                .when(new DescribeApiStandardCommand(HANDLE))
                .expectResultMessagePayload(new ApiStandardDescription(OPENAI, 0))
                .expectNoEvents();
    }

    @Test
    void describingAnswersTheNewestDefinitionAndItsVersion() {
        fixture.given(saved(OPENAI), saved(CHANGED))
                .when(new DescribeApiStandardCommand(HANDLE))
                .expectResultMessagePayload(new ApiStandardDescription(CHANGED, 1))
                .expectNoEvents();
    }

    @Test
    void describingARecreatedStandardCountsTheWholeStream() {
        fixture.given(saved(OPENAI), deleted(), saved(CHANGED))
                .when(new DescribeApiStandardCommand(HANDLE))
                .expectResultMessagePayload(new ApiStandardDescription(CHANGED, 2))
                .expectNoEvents();
    }

    @Test
    void describingADeletedStandardIsNotFound() {
        fixture.given(saved(OPENAI), deleted())
                .when(new DescribeApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("API standard openai not found");
    }

    @Test
    void describingAStandardThatNeverExistedFails() {
        fixture.givenNoPriorActivity()
                .when(new DescribeApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ---- delete --------------------------------------------------------------------------------------------

    @Test
    void deletingAnUnusedStandardRecordsTheDeletion() {
        fixture.given(saved(OPENAI))
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deleted());
    }

    @Test
    void deletingAReplacedStandardRecordsTheDeletion() {
        fixture.given(saved(OPENAI), saved(CHANGED))
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectEvents(deleted());
    }

    @Test
    void deletingAStandardUsedByADefinitionIsRejected() {
        usedByDefinitions.add(HANDLE);
        existing.add(HANDLE);
        fixture.given(saved(OPENAI))
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage(IN_USE);
    }

    @Test
    void onlyDefinitionsOfThisStandardBlockTheDeletion() {
        usedByDefinitions.add("cohere");
        fixture.given(saved(OPENAI))
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectEvents(deleted());
    }

    @Test
    void theUsageIsAskedAboutTheStandardsOwnHandle() {
        ApiStandardDefinition gemini = new ApiStandardDefinition("Gemini", KeyMethod.AUTH_BEARER, "x-goog-api-key");
        usedByDefinitions.add("gemini");
        fixture.given(new ApiStandardSavedEvent("gemini", gemini))
                .when(new DeleteApiStandardCommand("gemini"))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.INVALID))
                .expectExceptionMessage("cannot delete API standard gemini because it is still in use by one or "
                        + "more LLM service definitions. Please update or delete those definitions first.");
    }

    @Test
    void deletingADeletedStandardIsNotFound() {
        fixture.given(saved(OPENAI), deleted())
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("API standard openai not found");
    }

    @Test
    void aDeletedStandardInUseIsStillNotFound() {
        usedByDefinitions.add(HANDLE);
        fixture.given(saved(OPENAI), deleted())
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(rejected(RejectedCommandException.Reason.NOT_FOUND))
                .expectExceptionMessage("API standard openai not found");
    }

    @Test
    void deletingAStandardThatNeverExistedFails() {
        fixture.givenNoPriorActivity()
                .when(new DeleteApiStandardCommand(HANDLE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
