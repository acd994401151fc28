package io.embapi.platform.consistency;

import io.embapi.platform.config.EmbapiProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
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
 * Read-your-writes: after a command commits, wait (bounded) until every streaming projection that handles the
 * command's new events has processed them, judged by the processors' stored tokens. Projections in this JVM are
 * asked which event types they handle (a processor skips the others without moving its stored token at once);
 * processors named in {@code embapi.consistency.processors} that run elsewhere are waited for on every event.
 * When the bound passes the write still succeeds; the response then says the read side may lag.
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

    /** The global position of the stream's newest event, or -1 for an empty stream. */
    public long headOf(String aggregateIdentifier) {
        Long head = jdbc.queryForObject(
                "SELECT coalesce(max(globalindex), -1) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateIdentifier);
        return head == null ? -1 : head;
    }

    /**
     * Waits until the projections have the stream's events after {@code previousHead}.
     *
     * @return true when they all caught up within the bound
     */
    public boolean awaitStreamAfter(String aggregateIdentifier, long previousHead) {
        List<NewEvent> events = jdbc.query(
                "SELECT globalindex, payloadtype FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND globalindex > ? ORDER BY globalindex",
                (rs, i) -> new NewEvent(rs.getLong(1), rs.getString(2)), aggregateIdentifier, previousHead);
        Map<String, Long> targets = targets(events);
        if (targets.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!allPassed(targets)) {
            if (System.nanoTime() > deadline) {
                log.warn("projections {} did not reach their events within {}", targets, timeout);
                return false;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
        return true;
    }

    /** Per processor, the newest of the new events it has to have processed. */
    private Map<String, Long> targets(List<NewEvent> events) {
        Map<String, Long> targets = new HashMap<>();
        if (events.isEmpty()) {
            return targets;
        }
        long newest = events.get(events.size() - 1).globalIndex();
        configuredProcessors.forEach(name -> targets.put(name, newest));
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return targets;
        }
        for (EventProcessor processor : configuration.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor)) {
                continue;
            }
            for (NewEvent event : events) {
                if (handles(processor, event.payloadType())) {
                    targets.merge(processor.getName(), event.globalIndex(), Math::max);
                }
            }
        }
        return targets;
    }

    private static boolean handles(EventProcessor processor, String payloadType) {
        if (!(processor instanceof AbstractEventProcessor local)) {
            return true;
        }
        try {
            return local.eventHandlerInvoker().canHandleType(Class.forName(payloadType));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private boolean allPassed(Map<String, Long> targets) {
        for (Map.Entry<String, Long> target : targets.entrySet()) {
            List<TrackingToken> tokens = jdbc.query(
                    "SELECT token, tokentype FROM tokenentry WHERE processorname = ?",
                    (rs, i) -> deserialize(rs.getBytes(1), rs.getString(2)), target.getKey());
            if (tokens.isEmpty() || !tokens.stream().allMatch(token -> covers(token, target.getValue()))) {
                return false;
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

    private record NewEvent(long globalIndex, String payloadType) {
    }
}
