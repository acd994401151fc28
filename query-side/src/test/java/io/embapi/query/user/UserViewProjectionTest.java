package io.embapi.query.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.platform.testing.TestDatabase;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.query.QuerySideTestApplication;
import io.embapi.shared.privacy.SealedPersonalData;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserIds;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** The user-view projection against real PostgreSQL: events appended to the store, rows read back. */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = {
        "embapi.admin-key=projection-test-admin-key-7Qm2Xr9Lk4Vb8Nz1",
        "embapi.encryption-key=projection-test-encryption-key-Hw5Tq8Jd3Pc6"})
class UserViewProjectionTest {

    private static final String HASH_1 = "a".repeat(64);
    private static final String HASH_2 = "b".repeat(64);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private PersonalDataProtector protector;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private UserViewProjection projection;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private static String handle() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void append(String handle, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("User", UserIds.aggregateId(handle), sequence, payload));
    }

    private Map<String, Object> row(String handle) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT user_handle, name, email, trim(key_hash) AS key_hash, version FROM user_view "
                        + "WHERE user_handle = ?", handle);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void awaitRow(String handle, long version) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> row = row(handle);
            return row != null && ((Number) row.get("version")).longValue() == version;
        });
    }

    @Test
    void aRegisteredUserAppearsWithItsPersonalDataOpened() {
        String handle = handle();
        append(handle, 0, new UserRegisteredEvent(handle,
                protector.sealForNewSubject("user:" + handle, "Ada Lovelace", "ada@example.org"), HASH_1));
        awaitRow(handle, 0);
        assertThat(row(handle)).containsEntry("name", "Ada Lovelace").containsEntry("email", "ada@example.org")
                .containsEntry("key_hash", HASH_1);
    }

    @Test
    void profileChangesKeyRotationsAndDeletionFollowTheStream() {
        String handle = handle();
        SealedPersonalData sealed = protector.sealForNewSubject("user:" + handle, "Grace", "grace@example.org");
        append(handle, 0, new UserRegisteredEvent(handle, sealed, HASH_1));
        append(handle, 1, new UserProfileChangedEvent(handle,
                protector.reseal(sealed.keyId(), "Grace Hopper", "grace@navy.example")));
        append(handle, 2, new UserKeyRotatedEvent(handle, HASH_2));
        awaitRow(handle, 2);
        assertThat(row(handle)).containsEntry("name", "Grace Hopper").containsEntry("email", "grace@navy.example")
                .containsEntry("key_hash", HASH_2);

        append(handle, 3, new UserDeletedEvent(handle));
        await().atMost(Duration.ofSeconds(10)).until(() -> row(handle) == null);
    }

    @Test
    void handlingAnEventAgainOrAnOlderOneChangesNothing() {
        String handle = handle();
        SealedPersonalData first = protector.sealForNewSubject("user:" + handle, "Old", "old@example.org");
        projection.on(new UserRegisteredEvent(handle, first, HASH_1), 0, java.time.Instant.now());
        projection.on(new UserProfileChangedEvent(handle, protector.reseal(first.keyId(), "New", "new@example.org")),
                1, java.time.Instant.now());
        Map<String, Object> before = row(handle);

        projection.on(new UserProfileChangedEvent(handle, protector.reseal(first.keyId(), "New", "new@example.org")),
                1, java.time.Instant.now());
        projection.on(new UserRegisteredEvent(handle, first, HASH_1), 0, java.time.Instant.now());

        assertThat(row(handle)).isEqualTo(before).containsEntry("name", "New");
    }

    @Test
    void afterItsDataKeyIsDeletedAUserIsRebuiltWithoutPersonalData() {
        String handle = handle();
        SealedPersonalData sealed = protector.sealForNewSubject("user:" + handle, "Forget Me", "forget@example.org");
        jdbc.update("DELETE FROM data_key WHERE key_id = ?", UUID.fromString(sealed.keyId()));
        projection.on(new UserRegisteredEvent(handle, new SealedPersonalData(UUID.randomUUID().toString(),
                sealed.name(), sealed.email()), HASH_1), 0, java.time.Instant.now());
        assertThat(row(handle)).containsEntry("name", null).containsEntry("email", null)
                .containsEntry("key_hash", HASH_1);
    }

    @Test
    void replayingTheProcessorRebuildsTheSameRows() {
        List<String> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String handle = handle();
            handles.add(handle);
            append(handle, 0, new UserRegisteredEvent(handle,
                    protector.sealForNewSubject("user:" + handle, "User " + i, handle + "@example.org"), HASH_1));
            append(handle, 1, new UserKeyRotatedEvent(handle, HASH_2));
            if (i % 2 == 0) {
                append(handle, 2, new UserDeletedEvent(handle));
            }
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(QuerySideConfiguration.USER_VIEW, StreamingEventProcessor.class).orElseThrow();
        String snapshot = "SELECT user_handle, name, email, key_hash, registered_at, updated_at, version "
                + "FROM user_view WHERE user_handle = ANY (?) ORDER BY user_handle";
        String[] ours = handles.toArray(String[]::new);
        // "Caught up" can be reported before the processor has fetched the events just appended: wait for the head.
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        List<Map<String, Object>> before = jdbc.queryForList(snapshot, (Object) ours);

        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_view", Integer.class)).isZero();
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(snapshot, (Object) ours).equals(before));
        assertThat(before).hasSize(2);
    }
}
