package io.embapi.platform.consistency;

import io.embapi.platform.config.EmbapiProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: after a command commits, wait (bounded) until every streaming projection has processed the
 * stream's newest event, judged by the processors' stored tokens. This works whether the projections run in this
 * JVM or in another one sharing the database. When the bound passes the write still succeeds; the response then
 * says the read side may lag.
 */
@Component
public class ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBarrier.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration timeout;
    private final List<String> configuredProcessors;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    ProjectionBarrier(JdbcTemplate jdbc, Serializer serializer, EmbapiProperties properties,
                      ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.timeout = properties.consistency().timeout();
        this.configuredProcessors = properties.consistency().processors();
        this.processing = processing;
    }

    /** @return true when all projections have caught up with the stream's newest event within the bound */
    public boolean awaitStream(String aggregateIdentifier) {
        List<Long> newest = jdbc.queryForList(
                "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateIdentifier);
        if (newest.isEmpty() || newest.get(0) == null) {
            return true;
        }
        return awaitPosition(newest.get(0));
    }

    public boolean awaitPosition(long globalIndex) {
        Collection<String> processors = processors();
        if (processors.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (true) {
            if (allPassed(processors, globalIndex)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.warn("projections {} did not reach event {} within {}", processors, globalIndex, timeout);
                return false;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private Collection<String> processors() {
        if (!configuredProcessors.isEmpty()) {
            return configuredProcessors;
        }
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return List.of();
        }
        return configuration.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(p -> p.getName())
                .toList();
    }

    private boolean allPassed(Collection<String> processors, long globalIndex) {
        for (String processor : processors) {
            List<TrackingToken> tokens = jdbc.query(
                    "SELECT token, tokentype FROM tokenentry WHERE processorname = ?",
                    (rs, i) -> deserialize(rs.getBytes(1), rs.getString(2)), processor);
            if (tokens.isEmpty()) {
                return false;
            }
            for (TrackingToken token : tokens) {
                if (!covers(token, globalIndex)) {
                    return false;
                }
            }
        }
        return true;
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        SerializedType serializedType = new SimpleSerializedType(type, null);
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, serializedType));
    }

    /** Whether a processor positioned at {@code token} has handled the event at {@code globalIndex}. */
    static boolean covers(TrackingToken token, long globalIndex) {
        if (token == null) {
            return false;
        }
        if (token instanceof ReplayToken replay) {
            return covers(replay.getCurrentToken(), globalIndex);
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        OptionalLong position = token.position();
        return position.isPresent() && position.getAsLong() >= globalIndex;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for projections", e);
        }
    }
}
