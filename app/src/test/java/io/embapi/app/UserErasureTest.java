package io.embapi.app;

import static io.embapi.app.ProblemAssertions.assertNotFound;
import static io.embapi.app.ProblemAssertions.assertSynced;
import static io.embapi.app.ProblemAssertions.assertSystemReadOnly;
import static io.embapi.app.ProblemAssertions.assertUnauthorized;
import static io.embapi.app.ProblemAssertions.assertValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.privacy.SealedPersonalData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * "Forget user" (ADR 0012) end to end: the history stays byte-for-byte, the personal data sealed in it can no longer
 * be opened (on any node), it is nowhere in a table or an answer, projections rebuild without it, and the handle can
 * be registered again with readable new data.
 */
class UserErasureTest extends ApiTestSupport {

    private static final String USER_EVENTS = "io.embapi.shared.user.";

    @Autowired
    private PersonalDataProtector protector;
    @Autowired
    private EventProcessingConfiguration processing;

    /** A user whose name and e-mail occur nowhere else, registered twice (deleted in between) and renamed. */
    private record Subject(String handle, String key, List<String> personalData) {
    }

    private Subject subjectWithHistory(String prefix) {
        String handle = unique(prefix);
        String first = "Erasmus Forgettable " + handle;
        String firstEmail = "erasmus." + handle + "@first.example.org";
        String renamed = "Erasmus Renamed " + handle;
        String second = "Ottilie Shredded " + handle;
        String secondEmail = "ottilie." + handle + "@second.example.org";
        assertThat(call("PUT", "/v1/users/" + handle, ADMIN_KEY, user(handle, first, firstEmail)).status())
                .isEqualTo(201);
        assertThat(call("PUT", "/v1/users/" + handle, ADMIN_KEY, user(handle, renamed, firstEmail)).status())
                .isEqualTo(201);
        assertThat(call("DELETE", "/v1/users/" + handle, ADMIN_KEY, null).status()).isEqualTo(204);
        Response again = call("PUT", "/v1/users/" + handle, ADMIN_KEY, user(handle, second, secondEmail));
        assertThat(again.status()).isEqualTo(201);
        String key = again.json().get("embapi_key").stringValue();
        projectWithInstance(handle, key, "papers", 3);
        return new Subject(handle, key, List.of(first, firstEmail, renamed, second, secondEmail));
    }

    private static String user(String handle, String name, String email) {
        return "{\"user_handle\":\"" + handle + "\",\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    private Response forget(String handle) {
        return call("POST", "/v1/admin/users/" + handle + "/forget", ADMIN_KEY, null);
    }

    /** Every sealed personal-data value in the handle's stream, as the events carry it. */
    private List<SealedPersonalData> sealedIn(String handle) {
        List<SealedPersonalData> sealed = new ArrayList<>();
        for (StoredEvent event : streamEvents("user:" + handle)) {
            JsonNode data = event.payloadJson().get("personalData");
            if (data != null && !data.isNull()) {
                sealed.add(new SealedPersonalData(data.get("keyId").stringValue(), data.get("name").stringValue(),
                        data.get("email").stringValue()));
            }
        }
        return sealed;
    }

    /** globalindex → md5 of the whole row (every column, bytea included), for every event in the store. */
    private Map<Long, String> eventRowHashes() {
        Map<Long, String> hashes = new java.util.TreeMap<>();
        jdbc.query("SELECT globalindex, md5(d::text) FROM domainevententry d",
                rs -> {
                    hashes.put(rs.getLong(1), rs.getString(2));
                });
        return hashes;
    }

    /** Tables (and columns, as row text; bytea as hex) that contain {@code text}, in any case. */
    private List<String> tablesContaining(String text) {
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class)) {
            Integer rows = jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\" t "
                    + "WHERE strpos(lower(t::text), ?) > 0 OR strpos(lower(t::text), ?) > 0", Integer.class,
                    text.toLowerCase(Locale.ROOT), hex);
            if (rows != null && rows > 0) {
                found.add(table);
            }
        }
        return found;
    }

    @Test
    void forgettingKeepsEveryEventRowByteForByteAndRecordsTheDeletionAndTheForgetting() {
        Subject subject = subjectWithHistory("erase-hist");
        Map<Long, String> before = eventRowHashes();
        List<String> keyIds = sealedIn(subject.handle()).stream().map(SealedPersonalData::keyId).distinct().sorted()
                .toList();

        Response forgotten = forget(subject.handle());

        assertThat(forgotten.status()).isEqualTo(204);
        assertSynced(forgotten);
        Map<Long, String> after = eventRowHashes();
        assertThat(after).containsAllEntriesOf(before);
        List<StoredEvent> stream = streamEvents("user:" + subject.handle());
        assertThat(stream).extracting(StoredEvent::type).endsWith(USER_EVENTS + "UserRegisteredEvent",
                USER_EVENTS + "UserDeletedEvent", USER_EVENTS + "UserForgottenEvent");
        StoredEvent last = stream.get(stream.size() - 1);
        assertThat(keyIds).hasSize(2);
        assertThat(last.payloadJson().get("dataKeyIds").values()).extracting(JsonNode::stringValue)
                .containsExactlyElementsOf(keyIds);
        assertThat(last.metadataJson().get("actor").stringValue()).isEqualTo("admin");
        assertThat(last.metadataJson().get("requestId").stringValue()).isEqualTo(forgotten.header("X-Request-Id"));
    }

    @Test
    void afterForgettingThePersonalDataCannotBeOpenedAndIsInNoTableAndNoAnswer() {
        Subject subject = subjectWithHistory("erase-data");
        List<SealedPersonalData> sealed = sealedIn(subject.handle());
        assertThat(sealed).hasSize(3).allSatisfy(data -> assertThat(protector.open(data)).isPresent());
        assertThat(tablesContaining(subject.personalData().get(3))).containsExactly("user_view");

        assertThat(forget(subject.handle()).status()).isEqualTo(204);

        assertThat(sealed).allSatisfy(data -> assertThat(protector.open(data)).isEmpty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject = ? OR key_id::text = ANY (?)",
                Integer.class, "user:" + subject.handle(),
                sealed.stream().map(SealedPersonalData::keyId).toArray(String[]::new))).isZero();
        for (String personal : subject.personalData()) {
            assertThat(tablesContaining(personal)).as("tables holding %s", personal).isEmpty();
        }
        assertThat(streamEvents("user:" + subject.handle())).allSatisfy(event -> assertThat(event.payload()
                + event.metadata()).doesNotContain(subject.personalData().toArray(String[]::new))
                .doesNotContain("Erasmus", "Ottilie"));

        assertUnauthorized(call("GET", "/v1/users/" + subject.handle(), subject.key(), null));
        assertNotFound(call("GET", "/v1/users/" + subject.handle(), ADMIN_KEY, null),
                "user " + subject.handle() + " not found");
        assertThat(call("GET", "/v1/users?limit=200", ADMIN_KEY, null).body())
                .doesNotContain(subject.handle(), "Erasmus", "Ottilie");
        assertThat(call("GET", "/v1/projects/" + subject.handle() + "/papers", ADMIN_KEY, null).status())
                .isEqualTo(404);
    }

    @Test
    void aKeyDeletedByAnotherNodeIsNoLongerServedFromThisNodesCache() {
        SealedPersonalData sealed = protector.sealForNewSubject("user:erase-far", "Far Away", "far@example.org");
        assertThat(protector.open(sealed)).isPresent();
        assertThat(protector.open(sealed)).isPresent();

        // What another node's "forget" commits, without this node's dispatcher.
        jdbc.update("DELETE FROM data_key WHERE key_id = ?", UUID.fromString(sealed.keyId()));

        await().atMost(Duration.ofSeconds(5)).until(() -> protector.open(sealed).isEmpty());
    }

    @Test
    void projectionsRebuiltAfterForgettingMatchTheLiveOnesAndHoldNoPersonalData() {
        Subject subject = subjectWithHistory("erase-rbld");
        String survivor = unique("erase-keep");
        createUser(survivor);
        assertThat(forget(subject.handle()).status()).isEqualTo(204);
        String users = "SELECT user_handle, name, email, key_hash, registered_at, updated_at, version FROM user_view "
                + "ORDER BY user_handle";
        String projects = "SELECT * FROM project_view ORDER BY project_id";
        List<Map<String, Object>> usersBefore = jdbc.queryForList(users);
        List<Map<String, Object>> projectsBefore = jdbc.queryForList(projects);
        int deadLetters = deadLetters();

        rebuild(QuerySideConfiguration.USER_VIEW);
        rebuild(QuerySideConfiguration.PROJECT_VIEW);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(users).equals(usersBefore)
                && jdbc.queryForList(projects).equals(projectsBefore));
        assertThat(deadLetters()).isEqualTo(deadLetters);
        assertThat(usersBefore).extracting(row -> row.get("user_handle")).contains(survivor)
                .doesNotContain(subject.handle());
        for (String personal : subject.personalData()) {
            assertThat(tablesContaining(personal)).as("tables holding %s", personal).isEmpty();
        }
    }

    @Test
    void aForgottenHandleCanBeRegisteredAgainWithANewReadableDataKey() {
        Subject subject = subjectWithHistory("erase-again");
        List<String> shredded = sealedIn(subject.handle()).stream().map(SealedPersonalData::keyId).toList();
        assertThat(forget(subject.handle()).status()).isEqualTo(204);

        Response again = call("PUT", "/v1/users/" + subject.handle(), ADMIN_KEY,
                user(subject.handle(), "Fresh Start", "fresh." + subject.handle() + "@example.org"));

        assertThat(again.status()).isEqualTo(201);
        String key = again.json().get("embapi_key").stringValue();
        JsonNode shown = call("GET", "/v1/users/" + subject.handle(), key, null).json();
        assertThat(shown.get("name").stringValue()).isEqualTo("Fresh Start");
        assertThat(shown.get("email").stringValue()).isEqualTo("fresh." + subject.handle() + "@example.org");
        List<SealedPersonalData> sealed = sealedIn(subject.handle());
        SealedPersonalData newest = sealed.get(sealed.size() - 1);
        assertThat(shredded).doesNotContain(newest.keyId());
        assertThat(protector.open(newest)).map(PersonalDataProtector.PersonalData::name).contains("Fresh Start");
        assertThat(sealed.subList(0, sealed.size() - 1))
                .allSatisfy(old -> assertThat(protector.open(old)).isEmpty());
    }

    @Test
    void anAlreadyDeletedUserCanBeForgottenAndForgettingAgainChangesNothing() {
        User alice = newUser("erase-del");
        String name = alice.handle() + " Doe";
        assertThat(call("DELETE", "/v1/users/" + alice.handle(), ADMIN_KEY, null).status()).isEqualTo(204);
        List<SealedPersonalData> sealed = sealedIn(alice.handle());
        assertThat(protector.open(sealed.get(0))).map(PersonalDataProtector.PersonalData::name).contains(name);

        assertThat(forget(alice.handle()).status()).isEqualTo(204);
        int events = streamEvents("user:" + alice.handle()).size();
        Response again = forget(alice.handle());

        assertThat(again.status()).isEqualTo(204);
        assertThat(protector.open(sealed.get(0))).isEmpty();
        assertThat(streamEvents("user:" + alice.handle())).hasSize(events).extracting(StoredEvent::type)
                .containsExactly(USER_EVENTS + "UserRegisteredEvent", USER_EVENTS + "UserDeletedEvent",
                        USER_EVENTS + "UserForgottenEvent");
    }

    @Test
    void onlyTheAdminForgetsOnlyUsersThatExistedAndNeverTheSystemAccount() {
        User bob = newUser("erase-auth");
        assertUnauthorized(call("POST", "/v1/admin/users/" + bob.handle() + "/forget", bob.key(), null));
        assertUnauthorized(call("POST", "/v1/admin/users/" + bob.handle() + "/forget", null, null));
        String never = unique("erase-never");
        assertNotFound(forget(never), "user " + never + " not found");
        assertSystemReadOnly(forget("_system"));
        assertValidationFailed(forget("x"));
        assertThat(call("GET", "/v1/users/" + bob.handle(), bob.key(), null).status()).isEqualTo(200);
        assertThat(streamEvents("user:" + never)).isEmpty();
    }

    private void rebuild(String processingGroup) {
        StreamingEventProcessor processor = processing
                .eventProcessor(processingGroup, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private int deadLetters() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM deadletterentry", Integer.class);
        return count == null ? 0 : count;
    }
}
