package io.embapi.command.apistandard;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.embapi.command.Concurrency;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.apistandard.ApiStandardDefinition;
import io.embapi.shared.apistandard.ApiStandardDeletedEvent;
import io.embapi.shared.apistandard.ApiStandardIds;
import io.embapi.shared.apistandard.ApiStandardSavedEvent;
import io.embapi.shared.apistandard.DeleteApiStandardCommand;
import io.embapi.shared.apistandard.DescribeApiStandardCommand;
import io.embapi.shared.apistandard.SaveApiStandardCommand;
import io.embapi.shared.apistandard.SeedApiStandardCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An API standard: how a family of embedding providers expects its key. Admins create, replace and delete them;
 * the built-in ones (openai, cohere, gemini) are seeded once. A standard still used by a definition stays.
 */
@Aggregate
class ApiStandard {

    @AggregateIdentifier
    private String id;
    private String handle;
    private ApiStandardDefinition definition;
    private boolean active;

    ApiStandard() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SaveApiStandardCommand command) {
        Concurrency.ensureUnchangedSince(command.expectedVersion(), "API standard");
        if (!active || !command.definition().equals(definition)) {
            apply(new ApiStandardSavedEvent(command.handle(), command.definition()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SeedApiStandardCommand command) {
        if (id == null) {
            apply(new ApiStandardSavedEvent(command.handle(), command.definition()));
        }
    }

    @CommandHandler
    ApiStandardDescription handle(DescribeApiStandardCommand command) {
        ensureActive(command.handle());
        return new ApiStandardDescription(definition, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    void handle(DeleteApiStandardCommand command, ApiStandardUsage usage) {
        ensureActive(command.handle());
        if (usage.usedByDefinitions(handle)) {
            throw new RejectedCommandException(Reason.INVALID, "cannot delete API standard " + handle
                    + " because it is still in use by one or more LLM service definitions. Please update or delete "
                    + "those definitions first.");
        }
        apply(new ApiStandardDeletedEvent(handle));
    }

    @EventSourcingHandler
    void on(ApiStandardSavedEvent event) {
        id = ApiStandardIds.aggregateId(event.handle());
        handle = event.handle();
        definition = event.definition();
        active = true;
    }

    @EventSourcingHandler
    void on(ApiStandardDeletedEvent event) {
        active = false;
        definition = null;
    }

    private void ensureActive(String requested) {
        if (!active) {
            throw new RejectedCommandException(Reason.NOT_FOUND, "API standard " + requested + " not found");
        }
    }
}
