package io.embapi.platform.processing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the tracking processors' segments fairly between the JVMs that run them (split deployment, ADR 0015).
 * Axon's JDBC token store lets any node with a free thread claim any unclaimed segment, so the first query-side JVM
 * to start takes every segment and a second one would idle. Each JVM that runs segmented processors announces itself
 * with a session-level advisory lock on a connection it holds (it disappears with the JVM's connection, so a killed
 * node stops counting at once); every {@code token-claim-interval} a JVM that holds more than its share
 * ({@code ceil(segments / nodes)}) of a processor's segments releases the excess for a few claim intervals, and the
 * other nodes pick them up. When a node dies, its claims expire after {@code claim-timeout} and the survivors, whose
 * share has grown, claim them. Active only when {@code embapi.processing.segments} is above 1.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);
    /** The first key of the two-key advisory locks that mark live nodes ("embn"). */
    static final int PRESENCE = 0x656d626e;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProcessingSettings settings;
    private Connection presence;
    private ScheduledExecutorService scheduler;

    SegmentBalancer(DataSource dataSource, JdbcTemplate jdbc, EventProcessingConfiguration processing,
                    ProcessingSettings settings) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.processing = processing;
        this.settings = settings;
    }

    /** The JVMs that currently run segmented processors on this database (this one included). */
    int liveNodes() {
        Integer nodes = jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND objsubid = 2 AND classid = ? AND database = (SELECT oid FROM pg_database WHERE datname = "
                + "current_database())", Integer.class, PRESENCE);
        return nodes == null || nodes < 1 ? 1 : nodes;
    }

    /** Releases the segments this JVM holds beyond its share; see the class comment. */
    void balance() {
        int nodes = liveNodes();
        Duration releaseFor = settings.tokenClaimInterval().multipliedBy(3);
        for (StreamingEventProcessor processor : streamingProcessors()) {
            List<Integer> owned = processor.processingStatus().keySet().stream().sorted().toList();
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?",
                    Integer.class, processor.getName());
            if (segments == null || segments < 2) {
                continue;
            }
            int share = (segments + nodes - 1) / nodes;
            for (int i = share; i < owned.size(); i++) {
                LOG.info("{}: releasing segment {} for another node ({} nodes, {} segments)", processor.getName(),
                        owned.get(i), nodes, segments);
                processor.releaseSegment(owned.get(i), releaseFor.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    @Override
    public synchronized void start() {
        if (settings.segments() < 2 || streamingProcessors().isEmpty()) {
            return;
        }
        try {
            presence = dataSource.getConnection();
            presence.setAutoCommit(true);
            try (PreparedStatement lock = presence.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, PRESENCE);
                lock.setInt(2, ThreadLocalRandom.current().nextInt());
                lock.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot announce this node for segment sharing", e);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.tokenClaimInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                LOG.warn("segment balancing failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (presence != null) {
            try (Connection held = presence; PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute(); // the pool keeps the session, so the lock has to go explicitly
            } catch (SQLException ignored) {
                // a broken connection takes its session, and the lock, with it
            }
            presence = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Starts after the event processors (so that they exist and run) and stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
