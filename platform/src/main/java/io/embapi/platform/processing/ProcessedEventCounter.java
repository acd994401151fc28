package io.embapi.platform.processing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Counts the events this JVM's tracking processor has handled, as {@code embapi.processor.events{processor}}. An
 * event counts when the unit of work that handled it commits (with the projection's writes and the token), so a
 * batch that is rolled back and retried counts once. Summed over all JVMs that share a processor's segments, the
 * counter equals the number of events the processor handles: the split-deployment test proves exactly-once
 * projection with it.
 */
public final class ProcessedEventCounter implements MessageHandlerInterceptor<EventMessage<?>> {

    public static final String METRIC = "embapi.processor.events";

    private final Counter counter;

    public ProcessedEventCounter(MeterRegistry registry, String processor) {
        this.counter = Counter.builder(METRIC)
                .description("Events handled (committed) by this JVM's tracking processors")
                .tag("processor", processor)
                .register(registry);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        unitOfWork.afterCommit(committed -> counter.increment());
        return interceptorChain.proceed();
    }
}
