package io.embapi.platform.axon;

import io.embapi.platform.processing.ProcessedEventCounter;
import io.embapi.platform.processing.ProcessingSettings;
import io.embapi.platform.processing.RetryingDeadLetterPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import java.util.function.Function;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failure handling for every event processor: a handler failure is never logged-and-skipped (Axon's default). On a
 * subscribing processor it fails the command's transaction; on a streaming processor the processor retries, or the
 * event goes to the group's JDBC dead-letter queue when the group has one, where it is retried with a backoff
 * ({@link RetryingDeadLetterPolicy}, {@code platform.processing.DeadLetterRetrier}) and the later events of its
 * sequence wait behind it.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventProcessingDefaults {

    @Autowired
    void neverSkipFailedEvents(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultDeadLetterPolicy(c -> new RetryingDeadLetterPolicy());
    }

    /**
     * Gives {@code processingGroup} a JDBC dead-letter queue. A reset (a rebuild) empties the group's queue as
     * well: the replay handles every event again, so a letter left behind would be applied twice.
     */
    public static void deadLettering(EventProcessingConfigurer processing, String processingGroup) {
        processing.registerDeadLetterQueue(processingGroup, jdbcDeadLetterQueue(processingGroup))
                .registerDeadLetteringEventHandlerInvokerConfiguration(processingGroup,
                        (config, builder) -> builder.allowReset(true));
    }

    /**
     * Registers {@code processingGroup} as a tracking processor with {@code settings.segments()} segments (when its
     * tokens are first created) and as many threads, so one JVM can run all of them and several JVMs share them
     * through token claims, and counts the events it handles ({@link ProcessedEventCounter}).
     */
    public static void tracking(EventProcessingConfigurer processing, String processingGroup,
                                ProcessingSettings settings, Supplier<MeterRegistry> meters) {
        int segments = Math.max(1, settings.segments());
        processing.registerTrackingEventProcessor(processingGroup)
                .registerTrackingEventProcessorConfiguration(processingGroup,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andTokenClaimInterval(settings.tokenClaimInterval().toMillis(),
                                        TimeUnit.MILLISECONDS))
                .registerHandlerInterceptor(processingGroup,
                        c -> new ProcessedEventCounter(meters.get(), processingGroup));
    }

    /** A dead-letter queue for {@code processingGroup} in the Flyway-managed {@code deadletterentry} table. */
    public static Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>> jdbcDeadLetterQueue(
            String processingGroup) {
        return config -> JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(config.getComponent(ConnectionProvider.class))
                .transactionManager(config.getComponent(TransactionManager.class))
                .genericSerializer(config.serializer())
                .eventSerializer(config.eventSerializer())
                .build();
    }
}
