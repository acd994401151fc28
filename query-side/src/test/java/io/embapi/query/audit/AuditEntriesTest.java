package io.embapi.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.shared.privacy.SealedPersonalData;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How payloads are shown to auditors when the personal-data key is gone, or a sealed field does not open. */
class AuditEntriesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static AuditLog.StoredEvent event(String payload) {
        return new AuditLog.StoredEvent(42, "2026-01-02T03:04:05.678Z", "io.embapi.shared.user.UserRegisteredEvent",
                "1", "user:ghost", 0, "{\"actor\":\"admin\",\"actorType\":\"admin\",\"requestId\":\"r-1\"}"
                .getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static PersonalDataProtector protector(Optional<PersonalDataProtector.PersonalData> answer,
                                                   RuntimeException failure) {
        return new PersonalDataProtector() {
            @Override
            public SealedPersonalData sealForNewSubject(String subject, String name, String email) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SealedPersonalData reseal(String keyId, String name, String email) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<PersonalData> open(SealedPersonalData sealed) {
                if (failure != null) {
                    throw failure;
                }
                return answer;
            }

            @Override
            public java.util.List<String> forget(String subject, java.util.Collection<String> keyIds) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final String PAYLOAD = "{\"userHandle\":\"ghost\",\"personalData\":{\"keyId\":\"k-1\","
            + "\"name\":\"c2VhbGVk\",\"email\":\"c2VhbGVk\"},\"keyHash\":\"" + "ab".repeat(32) + "\"}";

    @Test
    void personalDataWhoseKeyIsGoneIsShownAsErased() {
        ObjectNode entry = new AuditEntries(JSON, protector(Optional.empty(), null)).entry(event(PAYLOAD));
        assertThat(entry.get("payload").get("personalData").toString()).isEqualTo("{\"erased\":true}");
        assertThat(entry.get("payload").get("keyHash").stringValue()).isEqualTo("redacted");
        assertThat(entry.get("type").stringValue()).isEqualTo("UserRegisteredEvent");
        assertThat(entry.get("actor").stringValue()).isEqualTo("admin");
        assertThat(entry.get("request_id").stringValue()).isEqualTo("r-1");
        assertThat(entry.toString()).doesNotContain("c2VhbGVk").doesNotContain("ab".repeat(32));
    }

    @Test
    void personalDataIsOpenedWhileTheKeyExistsAndATamperedFieldIsUnreadable() {
        ObjectNode open = new AuditEntries(JSON, protector(
                Optional.of(new PersonalDataProtector.PersonalData("Ghost", "ghost@example.org")), null))
                .entry(event(PAYLOAD));
        assertThat(open.get("payload").get("personalData").toString())
                .isEqualTo("{\"name\":\"Ghost\",\"email\":\"ghost@example.org\"}");
        ObjectNode tampered = new AuditEntries(JSON, protector(Optional.empty(), new IllegalStateException("tag")))
                .entry(event(PAYLOAD));
        assertThat(tampered.get("payload").get("personalData").toString()).isEqualTo("{\"unreadable\":true}");
    }

    @Test
    void sealedSecretsAndVectorsNeverShowTheirContent() {
        ObjectNode entry = new AuditEntries(JSON, protector(Optional.empty(), null)).entry(event(
                "{\"apiKey\":{\"keyId\":\"k\",\"ciphertext\":\"Q0lQSEVS\"},\"embeddings\":[{\"textId\":\"a\","
                        + "\"dimensions\":2,\"vector\":\"AAAAAAAAgD8=\"}]}"));
        assertThat(entry.get("payload").get("apiKey").toString()).isEqualTo("{\"sealed\":true}");
        assertThat(entry.get("payload").get("embeddings").get(0).get("vector").get("dimensions").intValue())
                .isEqualTo(2);
        assertThat(entry.toString()).doesNotContain("Q0lQSEVS").doesNotContain("AAAAAAAAgD8=");
    }
}
