package io.embapi.query.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.testing.TestDatabase;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.query.QuerySideTestApplication;
import io.embapi.shared.project.InstanceRef;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.project.ProjectRole;
import io.embapi.shared.project.ProjectSettings;
import io.embapi.shared.project.ProjectSettingsChangedEvent;
import io.embapi.shared.project.ProjectSharedEvent;
import io.embapi.shared.project.ProjectUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The project-view projection against real PostgreSQL: project events appended to the store, rows read back. */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = {
        "embapi.admin-key=projection-test-admin-key-7Qm2Xr9Lk4Vb8Nz1",
        "embapi.encryption-key=projection-test-encryption-key-Hw5Tq8Jd3Pc6"})
class ProjectViewProjectionTest {

    private static final AtomicLong IDS = new AtomicLong(1000);
    private static final ProjectSettings SETTINGS = new ProjectSettings("First", null, null, false);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectViewProjection projection;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private void append(long projectId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Project", ProjectIds.aggregateId(projectId), sequence,
                payload));
    }

    private Map<String, Object> project(long projectId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT owner, project_handle, description, "
                + "metadata_scheme, instance_owner, instance_handle, public_read, version FROM project_view "
                + "WHERE project_id = ?", projectId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<String> members(long projectId) {
        return jdbc.queryForList("SELECT user_handle || ':' || role FROM project_member_view WHERE project_id = ? "
                + "ORDER BY user_handle", String.class, projectId);
    }

    private void awaitVersion(long projectId, long version) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> row = project(projectId);
            return row != null && ((Number) row.get("version")).longValue() >= version;
        });
    }

    @Test
    void aProjectItsSettingsAndItsMembersFollowTheStream() {
        long id = IDS.incrementAndGet();
        ProjectSettings changed = new ProjectSettings("Second", "{\"type\":\"object\"}",
                new InstanceRef("alice", "embedding1"), true);
        append(id, 0, new ProjectCreatedEvent(id, "alice", "p" + id, SETTINGS));
        append(id, 1, new ProjectSharedEvent(id, "bob", ProjectRole.READER));
        append(id, 2, new ProjectSharedEvent(id, "charlie", ProjectRole.EDITOR));
        append(id, 3, new ProjectSettingsChangedEvent(id, changed));
        append(id, 4, new ProjectSharedEvent(id, "bob", ProjectRole.EDITOR));
        append(id, 5, new ProjectUnsharedEvent(id, "charlie"));
        awaitVersion(id, 5);

        assertThat(project(id)).containsEntry("owner", "alice").containsEntry("description", "Second")
                .containsEntry("metadata_scheme", "{\"type\":\"object\"}").containsEntry("instance_owner", "alice")
                .containsEntry("instance_handle", "embedding1").containsEntry("public_read", true);
        assertThat(members(id)).containsExactly("alice:owner", "bob:editor");
    }

    @Test
    void aTransferMovesOwnershipAndReplacesTheNewOwnersShare() {
        long id = IDS.incrementAndGet();
        append(id, 0, new ProjectCreatedEvent(id, "alice", "p" + id, SETTINGS));
        append(id, 1, new ProjectSharedEvent(id, "charlie", ProjectRole.EDITOR));
        append(id, 2, new ProjectOwnershipTransferredEvent(id, "p" + id, "alice", "charlie"));
        awaitVersion(id, 2);

        assertThat(project(id)).containsEntry("owner", "charlie");
        assertThat(members(id)).containsExactly("charlie:owner");
    }

    @Test
    void deletingAProjectRemovesItsRowsAndDeletingAUserRemovesItsProjectsAndMemberships() {
        long deleted = IDS.incrementAndGet();
        append(deleted, 0, new ProjectCreatedEvent(deleted, "alice", "p" + deleted, SETTINGS));
        append(deleted, 1, new ProjectDeletedEvent(deleted, "alice", "p" + deleted));
        long owned = IDS.incrementAndGet();
        long shared = IDS.incrementAndGet();
        String dave = "dave" + owned;
        append(owned, 0, new ProjectCreatedEvent(owned, dave, "p" + owned, SETTINGS));
        append(shared, 0, new ProjectCreatedEvent(shared, "alice", "p" + shared, SETTINGS));
        append(shared, 1, new ProjectSharedEvent(shared, dave, ProjectRole.READER));
        awaitVersion(shared, 1);
        eventStore.publish(new GenericDomainEventMessage<>("User", UserIds.aggregateId(dave), 5,
                new UserDeletedEvent(dave)));

        await().atMost(Duration.ofSeconds(10)).until(() -> project(owned) == null);
        assertThat(project(deleted)).isNull();
        assertThat(members(shared)).containsExactly("alice:owner");
    }

    @Test
    void handlingAnEventAgainChangesNothing() {
        long id = IDS.incrementAndGet();
        Instant now = Instant.now();
        projection.on(new ProjectCreatedEvent(id, "alice", "p" + id, SETTINGS), 0, now);
        projection.on(new ProjectSharedEvent(id, "bob", ProjectRole.READER), 1, now);
        projection.on(new ProjectUnsharedEvent(id, "bob"), 2, now);
        projection.on(new ProjectSharedEvent(id, "bob", ProjectRole.READER), 1, now);
        projection.on(new ProjectCreatedEvent(id, "alice", "p" + id, SETTINGS), 0, now);

        assertThat(members(id)).containsExactly("alice:owner");
        assertThat(project(id)).containsEntry("version", 2L);
    }

    @Test
    void replayingRebuildsTheSameRows() {
        long first = IDS.incrementAndGet();
        long second = IDS.incrementAndGet();
        append(first, 0, new ProjectCreatedEvent(first, "alice", "p" + first, SETTINGS));
        append(first, 1, new ProjectSharedEvent(first, "bob", ProjectRole.EDITOR));
        append(second, 0, new ProjectCreatedEvent(second, "bob", "p" + second, SETTINGS));
        append(second, 1, new ProjectOwnershipTransferredEvent(second, "p" + second, "bob", "carol"));
        awaitVersion(second, 1);
        awaitVersion(first, 1);
        String snapshot = "SELECT p.*, (SELECT string_agg(user_handle || ':' || role, ',' ORDER BY user_handle) "
                + "FROM project_member_view m WHERE m.project_id = p.project_id) AS members "
                + "FROM project_view p WHERE p.project_id IN (?, ?) ORDER BY p.project_id";
        List<Map<String, Object>> before = jdbc.queryForList(snapshot, first, second);

        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.PROJECT_VIEW, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM project_view", Integer.class)).isZero();
        processor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(snapshot, first, second).equals(before));
        assertThat(before).hasSize(2);
    }
}
