package io.embapi.query.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which project an {@code owner/handle} named, from {@code project_name_history}. A project keeps its id through
 * transfers, so one id can have several names over time and one name several ids (after a deletion).
 */
@Component
class ProjectNames {

    private static final String COLUMNS = "project_id, owner, project_handle, from_index, until_index";

    private final JdbcTemplate jdbc;

    ProjectNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A period in which a project had a name.
     *
     * @param untilIndex the global index of the event that ended it (transfer, deletion, the owner's deletion);
     *                   {@code null} while the project still has the name
     */
    record Period(long projectId, String owner, String projectHandle, long fromIndex, Long untilIndex) {

        boolean current() {
            return untilIndex == null;
        }

        /** Whether the event at {@code position} happened while (or as) the project had this name. */
        boolean covers(long position) {
            return untilIndex == null || position <= untilIndex;
        }
    }

    /** The project known as {@code owner/handle} at {@code at}: created by then, not yet renamed away or deleted. */
    Optional<Period> at(String owner, String handle, Instant at) {
        Timestamp time = Timestamp.from(at);
        return jdbc.query("SELECT " + COLUMNS + " FROM project_name_history WHERE owner = ? AND project_handle = ? "
                        + "AND from_time <= ? AND (until_time IS NULL OR until_time > ?) "
                        + "ORDER BY from_index DESC LIMIT 1",
                (rs, i) -> period(rs), owner, handle, time, time).stream().findFirst();
    }

    /** The project known as {@code owner/handle} now, or else the last one that was. */
    Optional<Period> latest(String owner, String handle) {
        return jdbc.query("SELECT " + COLUMNS + " FROM project_name_history WHERE owner = ? AND project_handle = ? "
                        + "ORDER BY from_index DESC LIMIT 1", (rs, i) -> period(rs), owner, handle)
                .stream().findFirst();
    }

    /** The project known as {@code owner/handle} now. */
    Optional<Long> currentId(String owner, String handle) {
        return latest(owner, handle).filter(Period::current).map(Period::projectId);
    }

    private static Period period(ResultSet rs) throws SQLException {
        Long until = rs.getObject("until_index", Long.class);
        return new Period(rs.getLong("project_id"), rs.getString("owner"), rs.getString("project_handle"),
                rs.getLong("from_index"), until);
    }
}
