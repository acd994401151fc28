package io.embapi.query.history;

import io.embapi.query.history.EventHistory.HistoricEvent;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.vector.VectorCodec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One embedding's history and the embeddings of a project at a point in time. {@code embedding_event_index} says
 * which events touched a text id (its upload batches and deletions, plus the project-wide delete-all, project
 * deletion and owner deletion, which apply to every text id present at that position); the events themselves are
 * read from the store and the text id's record picked from each batch.
 */
@Component
class EmbeddingTimeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The latest event of each text id at a time, ignoring those a later project-wide deletion removed. */
    private static final String PRESENT_AT = """
            WITH cleared AS (
                SELECT coalesce(max(global_index), -1) AS position FROM embedding_event_index
                WHERE project_id = ? AND text_id IS NULL AND at <= ?
            ), latest AS (
                SELECT DISTINCT ON (text_id) text_id, global_index, kind FROM embedding_event_index
                WHERE project_id = ? AND text_id IS NOT NULL AND at <= ?
                ORDER BY text_id, global_index DESC
            )
            SELECT %s FROM latest, cleared WHERE latest.kind = 'upserted' AND latest.global_index > cleared.position
            """;

    private final JdbcTemplate jdbc;
    private final EventHistory history;
    private final ProjectNames names;

    EmbeddingTimeline(JdbcTemplate jdbc, EventHistory history, ProjectNames names) {
        this.jdbc = jdbc;
        this.history = history;
        this.names = names;
    }

    @QueryHandler
    Optional<HistoryPage> handle(HistoryQueries.EmbeddingHistory query) {
        Optional<ProjectNames.Period> project = names.latest(query.owner(), query.projectHandle());
        if (project.isEmpty()) {
            return Optional.empty();
        }
        ProjectNames.Period period = project.get();
        List<Long> positions = jdbc.queryForList("""
                SELECT DISTINCT global_index FROM embedding_event_index
                WHERE project_id = ? AND (text_id = ? OR text_id IS NULL) AND global_index <= ?
                ORDER BY global_index
                """, Long.class, period.projectId(), query.textId(),
                period.untilIndex() == null ? Long.MAX_VALUE : period.untilIndex());
        List<HistoryEntry> entries = new ArrayList<>();
        EmbeddingRecord current = null;
        for (HistoricEvent event : history.at(positions)) {
            if (event.payload() instanceof EmbeddingsUpsertedEvent batch) {
                EmbeddingRecord next = recordOf(batch, query.textId());
                if (next == null) {
                    continue;
                }
                entries.add(HistoryEntry.of(event, upserted(current, next).toMap()));
                current = next;
            } else if (current != null) {
                // a deletion of this id, a delete-all, the project's or its owner's deletion
                entries.add(HistoryEntry.of(event, new Changes().diff("exists", true, false).toMap()));
                current = null;
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HistoryPage.of(entries, query.after(), query.limit()));
    }

    @QueryHandler
    Optional<HistoryQueries.PastEmbedding> handle(HistoryQueries.EmbeddingAsOf query) {
        Timestamp at = Timestamp.from(query.at());
        List<Map<String, Object>> latest = jdbc.queryForList("""
                SELECT global_index, kind FROM embedding_event_index
                WHERE project_id = ? AND (text_id = ? OR text_id IS NULL) AND at <= ?
                ORDER BY global_index DESC LIMIT 1
                """, query.projectId(), query.textId(), at);
        if (latest.isEmpty() || !"upserted".equals(latest.get(0).get("kind"))) {
            return Optional.empty();
        }
        long position = ((Number) latest.get(0).get("global_index")).longValue();
        List<HistoryQueries.PastEmbedding> found = records(List.of(query.textId()), List.of(position));
        return found.stream().findFirst();
    }

    @QueryHandler
    List<HistoryQueries.PastEmbedding> handle(HistoryQueries.EmbeddingsAsOf query) {
        Timestamp at = Timestamp.from(query.at());
        List<String> textIds = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        jdbc.query(PRESENT_AT.formatted("latest.text_id, latest.global_index")
                        + "ORDER BY latest.text_id LIMIT ? OFFSET ?", rs -> {
                    textIds.add(rs.getString(1));
                    positions.add(rs.getLong(2));
                }, query.projectId(), at, query.projectId(), at, query.limit(), query.offset());
        return records(textIds, positions);
    }

    /** How many embeddings the project held at {@code at}. */
    long countAt(long projectId, Instant at) {
        Timestamp time = Timestamp.from(at);
        Long count = jdbc.queryForObject(PRESENT_AT.formatted("count(*)"), Long.class, projectId, time, projectId,
                time);
        return count == null ? 0 : count;
    }

    /**
     * The records of {@code textIds[i]} in the batch at {@code positions[i]}, with the vector and metadata in the
     * read model's forms: pgvector rounds to {@code halfvec} and normalises {@code jsonb} exactly as for the live
     * view, so an as_of read after the last change equals the live read.
     */
    private List<HistoryQueries.PastEmbedding> records(List<String> textIds, List<Long> positions) {
        if (textIds.isEmpty()) {
            return List.of();
        }
        Map<Long, EmbeddingsUpsertedEvent> batches = history.at(new LinkedHashSet<>(positions)).stream()
                .filter(e -> e.payload() instanceof EmbeddingsUpsertedEvent)
                .collect(Collectors.toMap(HistoricEvent::position, e -> (EmbeddingsUpsertedEvent) e.payload()));
        List<EmbeddingRecord> records = new ArrayList<>();
        for (int i = 0; i < textIds.size(); i++) {
            EmbeddingsUpsertedEvent batch = batches.get(positions.get(i));
            EmbeddingRecord record = batch == null ? null : recordOf(batch, textIds.get(i));
            if (record != null) {
                records.add(record);
            }
        }
        String[] vectors = records.stream().map(r -> VectorCodec.pgvectorText(VectorCodec.decode(r.vector())))
                .toArray(String[]::new);
        String[] metadata = records.stream().map(EmbeddingRecord::metadata).toArray(String[]::new);
        List<String[]> rendered = jdbc.query("""
                SELECT t.v::halfvec::text, t.m::jsonb::text
                FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS t(v, m, n) ORDER BY t.n
                """, (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, vectors, metadata);
        List<HistoryQueries.PastEmbedding> result = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            EmbeddingRecord record = records.get(i);
            result.add(new HistoryQueries.PastEmbedding(record.textId(), record.text(), rendered.get(i)[0],
                    record.dimensions(), rendered.get(i)[1]));
        }
        return result;
    }

    /** The record of {@code textId} in a batch (the last, should a batch name an id twice), or {@code null}. */
    private static EmbeddingRecord recordOf(EmbeddingsUpsertedEvent batch, String textId) {
        EmbeddingRecord found = null;
        for (EmbeddingRecord record : batch.embeddings()) {
            if (record.textId().equals(textId)) {
                found = record;
            }
        }
        return found;
    }

    /** What an upload changed: text and vector only as {@code "changed"}, dimensions and metadata with values. */
    private static Changes upserted(EmbeddingRecord before, EmbeddingRecord after) {
        Changes changes = new Changes();
        if (before == null) {
            changes.diff("exists", false, true);
        }
        if (!Objects.equals(before == null ? "" : before.text(), after.text() == null ? "" : after.text())) {
            changes.changed("text");
        }
        changes.diff("vector_dim", before == null ? null : before.dimensions(), after.dimensions());
        if (before == null || !before.vector().equals(after.vector())) {
            changes.changed("vector");
        }
        Object metadataBefore = before == null ? null : metadata(before.metadata());
        changes.diff("metadata", metadataBefore, metadata(after.metadata()));
        return changes;
    }

    private static Object metadata(String json) {
        return json == null ? null : JSON.readValue(json, Object.class);
    }
}
