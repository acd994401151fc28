package io.embapi.platform.metrics;

import io.embapi.platform.processing.ProcessorOperations;
import io.embapi.platform.processing.ProcessorView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges that need the database, refreshed in the background every {@code embapi.metrics.refresh} (10 s) instead of
 * at scrape time, so that a scrape never waits for a slow or unreachable database:
 * <ul>
 *   <li>{@code embapi.database.up}: 1 when the last check ({@code SELECT 1}) succeeded, 0 when it failed or when no
 *       check finished within three intervals (a check stuck waiting for a connection counts as down);</li>
 *   <li>{@code embapi.processor.lag{processor}}: events between the head of the event store and the processor's
 *       lowest segment position, for the streaming processors this JVM runs ({@link ProcessorOperations});</li>
 *   <li>{@code embapi.processor.dead_letters{processor}}: letters in the processor's dead-letter queue.</li>
 * </ul>
 */
@Component
class OperationsMetrics implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);

    private final JdbcTemplate jdbc;
    private final ProcessorOperations processors;
    private final Duration every;
    private final MultiGauge lag;
    private final MultiGauge deadLetters;
    private final AtomicInteger lastCheckUp = new AtomicInteger();
    private volatile long lastCheckNanos = System.nanoTime();
    private ScheduledExecutorService scheduler;

    OperationsMetrics(JdbcTemplate jdbc, ProcessorOperations processors, MeterRegistry meters,
                      @Value("${embapi.metrics.refresh:10s}") Duration every) {
        this.jdbc = jdbc;
        this.processors = processors;
        this.every = every;
        Gauge.builder("embapi.database.up", this, OperationsMetrics::databaseUp)
                .description("1 when the service reaches its database, 0 when not")
                .register(meters);
        this.lag = MultiGauge.builder("embapi.processor.lag")
                .description("events the streaming processor is behind the head of the event store")
                .register(meters);
        this.deadLetters = MultiGauge.builder("embapi.processor.dead_letters")
                .description("events parked in the processor's dead-letter queue")
                .register(meters);
    }

    /** One refresh: the database check, then the processors (skipped while the database is down). */
    void refresh() {
        boolean up = checkDatabase();
        lastCheckUp.set(up ? 1 : 0);
        lastCheckNanos = System.nanoTime();
        if (!up) {
            return;
        }
        try {
            List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
            List<MultiGauge.Row<?>> letterRows = new ArrayList<>();
            for (ProcessorView view : processors.list()) {
                Tags tags = Tags.of("processor", view.name());
                if (!"subscribing".equals(view.kind())) {
                    lagRows.add(MultiGauge.Row.of(tags, view.lag()));
                }
                if (view.deadLetters() != null) {
                    letterRows.add(MultiGauge.Row.of(tags, view.deadLetters()));
                }
            }
            lag.register(lagRows, true);
            deadLetters.register(letterRows, true);
        } catch (RuntimeException e) {
            LOG.warn("processor metrics not refreshed: {}", e.toString());
        }
    }

    private boolean checkDatabase() {
        try {
            Integer one = jdbc.queryForObject("SELECT 1", Integer.class);
            return one != null && one == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private double databaseUp() {
        boolean recent = System.nanoTime() - lastCheckNanos < every.toNanos() * 3;
        return recent ? lastCheckUp.get() : 0;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operations-metrics");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("operations metrics not refreshed: {}", e.toString());
        }
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

    /** Starts after the event processors (Axon's phases are lower), stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
