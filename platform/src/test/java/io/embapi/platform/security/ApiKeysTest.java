package io.embapi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String KEY = "12345678901234567890123456789012";
    private static final String STORED = "e1b85b27d6bcb05846c18e6a48f118e89f0c0587140de9fb3359f8370d0dba08";

    @Test
    void theHashIsTheReferencesStoredForm() {
        assertThat(ApiKeys.hash(KEY)).isEqualTo(STORED);
    }

    @Test
    void theRightKeyMatchesItsHash() {
        assertThat(ApiKeys.matches(KEY, STORED)).isTrue();
        assertThat(ApiKeys.matches(KEY, STORED.toUpperCase())).isTrue();
    }

    @Test
    void aWrongEmptyOrMissingKeyNeverMatches() {
        assertThat(ApiKeys.matches("wrong", STORED)).isFalse();
        assertThat(ApiKeys.matches("", STORED)).isFalse();
        assertThat(ApiKeys.matches(null, STORED)).isFalse();
        assertThat(ApiKeys.matches(KEY, "")).isFalse();
        assertThat(ApiKeys.matches(KEY, null)).isFalse();
    }

    @Test
    void secretsCompareByValueAndEmptyNeverEquals() {
        assertThat(ApiKeys.secretsEqual("admin-key", "admin-key")).isTrue();
        assertThat(ApiKeys.secretsEqual("admin-key", "admin-kez")).isFalse();
        assertThat(ApiKeys.secretsEqual("", "")).isFalse();
        assertThat(ApiKeys.secretsEqual(null, "x")).isFalse();
    }

    @Test
    void generatedKeysAre64LowercaseHexAndDiffer() {
        ApiKeyGenerator generator = new ApiKeyGenerator();
        String a = generator.newKey();
        assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(generator.newKey());
    }
}
