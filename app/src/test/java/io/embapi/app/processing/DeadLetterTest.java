package io.embapi.app.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.embapi.app.ApiTestSupport;
import io.embapi.app.ProblemAssertions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A failing projection handler never skips an event: the user view is broken for crafted users with a CHECK
 * constraint, their events go to the dead-letter queue, the later event of the same user waits behind them while
 * other users go on, a retry while the table is still broken keeps them, and once the table is fixed a retry
 * applies both in order. Eviction is an explicit operator step.
 */
class DeadLetterTest extends ApiTestSupport {

    private static final String LETTERS = "/v1/admin/processors/user-view/dead-letters";

    @AfterEach
    void fixTheTable() {
        jdbc.execute("ALTER TABLE user_view DROP CONSTRAINT IF EXISTS dead_letter_test_poison");
    }

    private void breakTheTable() {
        jdbc.execute("ALTER TABLE user_view ADD CONSTRAINT dead_letter_test_poison "
                + "CHECK (email IS NULL OR email NOT LIKE 'dlqpoison%')");
    }

    @Test
    void aFailedEventIsDeadLetteredItsSequenceWaitsAndARetryAfterTheFixAppliesItInOrder() {
        breakTheTable();
        String poisoned = unique("dlqpoison");
        createUser(poisoned);
        Response update = call("POST", "/v1/users", ADMIN_KEY, "{\"user_handle\":\"" + poisoned
                + "\",\"name\":\"Second Name\",\"email\":\"fixed-" + poisoned + "@example.org\"}");
        assertThat(update.status()).as(update.body()).isIn(200, 201);
        User other = newUser("dlqfine");

        // the processor went on with other users; the poisoned user's events wait
        assertThat(call("GET", "/v1/users/" + other.handle(), ADMIN_KEY, null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/users/" + poisoned, ADMIN_KEY, null).status()).isEqualTo(404);

        Response listed = call("GET", LETTERS, ADMIN_KEY, null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode letters = listed.json().get("letters");
        assertThat(listed.json().get("total").longValue()).isEqualTo(2);
        assertThat(letters).hasSize(2);
        JsonNode first = letters.get(0);
        assertThat(first.get("sequence").stringValue()).isEqualTo("user:" + poisoned);
        assertThat(first.get("index").intValue()).isZero();
        assertThat(first.get("event_type").stringValue()).endsWith("UserRegisteredEvent");
        assertThat(first.get("global_index").longValue()).isEqualTo(globalIndexOf(poisoned, 0));
        assertThat(first.get("aggregate_sequence").longValue()).isZero();
        assertThat(first.get("enqueued_at").stringValue()).isNotBlank();
        assertThat(first.get("retries").intValue()).isZero();
        assertThat(first.get("cause").stringValue()).contains("dead_letter_test_poison").contains("23514");
        JsonNode second = letters.get(1);
        assertThat(second.get("index").intValue()).isEqualTo(1);
        assertThat(second.get("event_type").stringValue()).endsWith("UserProfileChangedEvent");
        assertThat(second.get("global_index").longValue()).isEqualTo(globalIndexOf(poisoned, 1));
        // no personal data, no SQL: neither the payload nor PostgreSQL's "failing row" detail
        assertThat(listed.body()).doesNotContain("@example.org").doesNotContain("Doe").doesNotContain("Second Name")
                .doesNotContain("Failing row").doesNotContain("INSERT");
        assertThat(jdbc.queryForList("SELECT coalesce(causemessage, '') FROM deadletterentry "
                + "WHERE sequenceidentifier = ?", String.class, "user:" + poisoned)).allSatisfy(cause -> assertThat(cause).doesNotContain("@"));
        assertThat(processor("user-view").get("dead_letters").longValue()).isEqualTo(2);

        // a retry while the table is still broken keeps both, counting the failure
        JsonNode stillBroken = call("POST", LETTERS + "/retry", ADMIN_KEY, null).json();
        assertThat(stillBroken.get("tried").intValue()).isEqualTo(1);
        assertThat(stillBroken.get("failed").intValue()).isEqualTo(1);
        assertThat(stillBroken.get("remaining").longValue()).isEqualTo(2);
        assertThat(call("GET", LETTERS, ADMIN_KEY, null).json().get("letters").get(0).get("retries").intValue())
                .isEqualTo(1);

        fixTheTable();
        JsonNode retried = call("POST", LETTERS + "/retry", ADMIN_KEY, null).json();
        assertThat(retried.get("succeeded").intValue()).isEqualTo(1);
        assertThat(retried.get("remaining").longValue()).isZero();
        Response user = call("GET", "/v1/users/" + poisoned, ADMIN_KEY, null);
        assertThat(user.status()).as(user.body()).isEqualTo(200);
        assertThat(user.json().get("name").stringValue()).isEqualTo("Second Name");
        assertThat(user.json().get("email").stringValue()).isEqualTo("fixed-" + poisoned + "@example.org");
        assertThat(call("GET", LETTERS, ADMIN_KEY, null).json().get("letters")).isEmpty();
    }

    @Test
    void anOperatorEvictsASequenceExplicitly() {
        breakTheTable();
        String poisoned = unique("dlqpoison");
        createUser(poisoned);
        await().atMost(Duration.ofSeconds(10)).until(() -> processor("user-view").get("dead_letters").longValue() > 0);
        fixTheTable();

        assertThat(call("DELETE", LETTERS + "/user:" + poisoned, newUser("dlqnot").key(), null).status())
                .isEqualTo(401);
        assertThat(call("DELETE", LETTERS + "/user:" + poisoned, ADMIN_KEY, null).status()).isEqualTo(204);
        ProblemAssertions.assertProblem(call("DELETE", LETTERS + "/user:" + poisoned, ADMIN_KEY, null), 404,
                "processor user-view has no dead letters in sequence user:" + poisoned);
        assertThat(call("GET", LETTERS, ADMIN_KEY, null).json().get("letters")).isEmpty();
        assertThat(call("GET", "/v1/users/" + poisoned, ADMIN_KEY, null).status()).isEqualTo(404);

        ProblemAssertions.assertProblem(call("GET", "/v1/admin/processors/user-registry/dead-letters", ADMIN_KEY,
                null), 404, "processor user-registry has no dead-letter queue");
        ProblemAssertions.assertProblem(call("GET", LETTERS + "?limit=0", ADMIN_KEY, null), 400,
                "limit must be between 1 and 1000");
    }

    private long globalIndexOf(String handle, long sequence) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = ?", Long.class, "user:" + handle, sequence);
    }

    private JsonNode processor(String name) {
        return call("GET", "/v1/admin/processors/" + name, ADMIN_KEY, null).json();
    }
}
