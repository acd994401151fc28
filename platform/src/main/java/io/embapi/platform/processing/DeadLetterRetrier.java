package io.embapi.platform.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The retry half of the dead-letter policy: every {@link ProcessingSettings#deadLetterRetry()} each dead-letter
 * sequence whose backoff has passed (first {@code dead-letter-backoff}, doubling with every failed retry up to
 * {@code dead-letter-max-backoff}) is tried again. A transient failure (a lock timeout, a restarted database) heals
 * by itself; a permanent one stays visible in {@code GET /v1/admin/processors} until fixed and retried or evicted.
 */
@Component
class DeadLetterRetrier implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final ProcessorOperations operations;
    private final ProcessingSettings settings;
    private ScheduledExecutorService scheduler;

    DeadLetterRetrier(ProcessorOperations operations, ProcessingSettings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    /** Retries the due sequences of every processor once. */
    void retryDue() {
        Instant now = Instant.now();
        for (String processor : operations.withDeadLetterQueues()) {
            try {
                operations.retry(processor, letter -> !letter.lastTouched()
                        .plus(settings.backoff(RetryingDeadLetterPolicy.retries(letter))).isAfter(now));
            } catch (RuntimeException e) {
                LOG.warn("{}: automatic dead-letter retry failed: {}", processor, HandlerFailure.summarize(e));
            }
        }
    }

    @Override
    public synchronized void start() {
        Duration every = settings.deadLetterRetry();
        if (every.isZero() || every.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-retry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::retryDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the event processors do (Axon's lifecycle phases are higher). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
