package io.embapi.platform.metrics;

import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@code embapi.embeddings.ingested}: embeddings accepted, counted from the {@link EmbeddingsUpsertedEvent}s the
 * event store takes, once their transaction has committed (a batch that is rolled back counts nothing). Watching the
 * event bus rather than a controller counts every way in (REST upload, later bulk paths) in one place.
 */
@Component
class IngestionMetrics implements SmartInitializingSingleton {

    private final EventBus eventBus;
    private final Counter ingested;

    IngestionMetrics(EventBus eventBus, MeterRegistry meters) {
        this.eventBus = eventBus;
        this.ingested = Counter.builder("embapi.embeddings.ingested")
                .description("embeddings accepted (committed to the event store)")
                .register(meters);
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventBus.registerDispatchInterceptor(new Counting());
    }

    private final class Counting implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, event) -> {
                if (event.getPayload() instanceof EmbeddingsUpsertedEvent upserted
                        && !upserted.embeddings().isEmpty()) {
                    int count = upserted.embeddings().size();
                    if (CurrentUnitOfWork.isStarted()) {
                        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> ingested.increment(count));
                    } else {
                        ingested.increment(count);
                    }
                }
                return event;
            };
        }
    }
}
