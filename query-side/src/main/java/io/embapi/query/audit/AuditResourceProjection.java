package io.embapi.query.audit;

import io.embapi.platform.axon.EventPositions;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.definition.DefinitionCreatedEvent;
import io.embapi.shared.definition.DefinitionIds;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.instance.InstanceCreatedEvent;
import io.embapi.shared.instance.InstanceIds;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The resource index of the audit API ({@code audit_resource}): for every event, the resources it concerns, so
 * {@code GET /v1/audit/events?resource=…} pages through one resource's history by position without decoding
 * payloads. An event concerns its own stream ({@code user:alice}, {@code project:7}, …), the readable name that
 * stream had at the time ({@code project:alice/p1}; names come from the created and transferred events and are kept
 * in {@code audit_resource_name}), and, for embedding batches, the project. Single embeddings
 * ({@code embedding:alice/p1/<text id>}) are not listed here: {@link AuditLog} finds them through the history
 * index ({@code embedding_event_index}), so an upload writes no per-embedding row for the audit API. Idempotent,
 * and rebuilt by a replay like every projection.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.AUDIT_RESOURCES)
class AuditResourceProjection {

    static final String EMBEDDING = "embedding:";

    private final JdbcTemplate jdbc;
    private final EventPositions positions;

    AuditResourceProjection(JdbcTemplate jdbc, EventPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(Object event, @SourceId String stream, EventMessage<?> message) {
        if (stream == null) {
            return;
        }
        long position = positions.globalIndexOf(message);
        Set<String> resources = new LinkedHashSet<>();
        resources.add(stream);
        nameOf(stream).ifPresent(resources::add);
        if (event instanceof ProjectCreatedEvent created) {
            resources.add(rename(stream, "project:" + created.owner() + "/" + created.projectHandle()));
        } else if (event instanceof ProjectOwnershipTransferredEvent moved) {
            resources.add(rename(stream, "project:" + moved.newOwner() + "/" + moved.projectHandle()));
        } else if (event instanceof InstanceCreatedEvent created) {
            resources.add(rename(InstanceIds.aggregateId(created.instanceId()),
                    "instance:" + created.owner() + "/" + created.instanceHandle()));
        } else if (event instanceof DefinitionCreatedEvent created) {
            resources.add(rename(DefinitionIds.aggregateId(created.definitionId()),
                    "definition:" + created.owner() + "/" + created.definitionHandle()));
        } else if (event instanceof EmbeddingsUpsertedEvent batch) {
            String project = ProjectIds.aggregateId(batch.projectId());
            resources.add(project);
            nameOf(project).ifPresent(resources::add);
        }
        List<Object[]> rows = new ArrayList<>(resources.size());
        resources.forEach(resource -> rows.add(new Object[] {resource, position}));
        jdbc.batchUpdate("INSERT INTO audit_resource (resource, global_index) VALUES (?, ?) ON CONFLICT DO NOTHING",
                rows);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_resource, audit_resource_name");
    }

    private Optional<String> nameOf(String stream) {
        return jdbc.queryForList("SELECT name FROM audit_resource_name WHERE stream = ?", String.class, stream)
                .stream().findFirst();
    }

    /** Remembers the stream's readable name from now on; answers it. */
    private String rename(String stream, String name) {
        jdbc.update("""
                INSERT INTO audit_resource_name (stream, name) VALUES (?, ?)
                ON CONFLICT (stream) DO UPDATE SET name = EXCLUDED.name
                """, stream, name);
        return name;
    }
}
