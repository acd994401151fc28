package io.embapi.query.history;

import io.embapi.shared.metadata.MetadataKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads events straight from {@code domainevententry} and turns them into the shared-kernel event objects through
 * the same event serializer and upcaster chain as the event store, so an upcaster added later applies here too.
 * Plain SQL rather than {@code EventStore.readEvents}, because history entries need the global index, and because
 * as_of reads pick single events by position.
 */
@Component
class EventHistory {

    private static final String COLUMNS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
            + "\"timestamp\", payloadtype, payloadrevision, payload, metadata";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;

    EventHistory(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                 ObjectProvider<EventUpcaster> upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = new EventUpcasterChain(upcasters.orderedStream().toList());
    }

    /** An event as the history shows it: its position, time, payload and audit metadata. */
    record HistoricEvent(long position, Instant time, Object payload, String actor, String actorType,
                         String requestId) {

        String type() {
            return payload.getClass().getSimpleName();
        }
    }

    /** Every event of one stream (e.g. {@code user:alice}), in order. */
    List<HistoricEvent> stream(String aggregateId) {
        return read(jdbc.query("SELECT " + COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", (rs, i) -> row(rs), aggregateId));
    }

    /** The events at the given global indexes, in global order. */
    List<HistoricEvent> at(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return read(jdbc.query("SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex = ANY (?) "
                + "ORDER BY globalindex", (rs, i) -> row(rs), (Object) positions.toArray(Long[]::new)));
    }

    /** Whether the stream has an event of {@code type} after {@code afterPosition}, at or before {@code until}. */
    boolean hasEventBetween(String aggregateId, Class<?> type, long afterPosition, Instant until) {
        Boolean found = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?
                               AND globalindex > ? AND "timestamp" <= ?)
                """, Boolean.class, aggregateId, type.getName(), afterPosition, DateTimeUtils.formatInstant(until));
        return Boolean.TRUE.equals(found);
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs) throws SQLException {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong("globalindex")),
                new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregateidentifier"),
                        rs.getLong("sequencenumber"), rs.getString("eventidentifier"), rs.getString("timestamp"),
                        rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getBytes("payload"),
                        rs.getBytes("metadata")));
    }

    private List<HistoricEvent> read(List<TrackedDomainEventData<byte[]>> rows) {
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)
                .map(EventHistory::historic).toList();
    }

    private static HistoricEvent historic(TrackedEventMessage<?> message) {
        Map<String, ?> metadata = message.getMetaData();
        return new HistoricEvent(message.trackingToken().position().orElseThrow(), message.getTimestamp(),
                message.getPayload(), text(metadata.get(MetadataKeys.ACTOR)),
                text(metadata.get(MetadataKeys.ACTOR_TYPE)), text(metadata.get(MetadataKeys.REQUEST_ID)));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
