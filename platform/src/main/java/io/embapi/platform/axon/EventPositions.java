package io.embapi.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global index of an event as stored in {@code domainevententry}. A tracking processor's token is not that: when a
 * concurrent writer commits a lower index late, the event that fills the gap arrives with a token whose position is
 * the highest index seen so far. A projection that stores positions must ask here, or a live run and a replay (which
 * sees no gaps) would store different rows.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long globalIndexOf(EventMessage<?> event) {
        List<Long> index = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                Long.class, event.getIdentifier());
        if (index.isEmpty()) {
            throw new IllegalStateException("event " + event.getIdentifier() + " is not in the event store");
        }
        return index.get(0);
    }
}
