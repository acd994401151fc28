package io.embapi.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactorTest {

    private static final String USER_KEY = "3f9a0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";

    @Test
    void bearerTokensAndAuthorizationHeadersAreMasked() {
        assertThat(LogRedactor.redact("GET /v1/users, headers=[authorization:\"Bearer abc.def-123\", host:x]"))
                .doesNotContain("abc.def-123").contains("[REDACTED]");
        assertThat(LogRedactor.redact("Authorization: token-without-scheme and more"))
                .isEqualTo("Authorization: [REDACTED] and more");
        assertThat(LogRedactor.redact("curl -H 'Authorization: Bearer s3cr3t-t0ken'")).doesNotContain("s3cr3t-t0ken");
        assertThat(LogRedactor.redact("sent bearer s3cr3t-t0ken")).isEqualTo("sent bearer [REDACTED]");
    }

    @Test
    void keyFieldsAreMaskedInJsonAndKeyValueForm() {
        String json = "{\"instance_handle\":\"e1\",\"api_key\":\"sk-live-abcdef\",\"has_api_key\":true}";
        assertThat(LogRedactor.redact(json))
                .isEqualTo("{\"instance_handle\":\"e1\",\"api_key\":\"[REDACTED]\",\"has_api_key\":true}");
        assertThat(LogRedactor.redact("Command[apiKey=sk-live-abcdef, model=m]"))
                .isEqualTo("Command[apiKey=[REDACTED], model=m]");
        assertThat(LogRedactor.redact("{\"auditor_key\": \"k-123456789\"}")).doesNotContain("k-123456789");
        assertThat(LogRedactor.redact("password=hunter2hunter2")).isEqualTo("password=[REDACTED]");
        assertThat(LogRedactor.redact("EmbapiProperties[adminKey=***, encryptionKey=***]"))
                .isEqualTo("EmbapiProperties[adminKey=***, encryptionKey=***]");
    }

    @Test
    void issuedKeysAreMaskedWithoutBeingKnown() {
        assertThat(LogRedactor.redact("created key " + USER_KEY + " for alice"))
                .isEqualTo("created key [REDACTED] for alice");
        assertThat(LogRedactor.redact("id 0123456789abcdef")).isEqualTo("id 0123456789abcdef");
    }

    @Test
    void configuredSecretsAreMaskedLiterally() {
        String adminKey = "The-Admin-Key-With-Mixed-Case-And-Dashes-0001";
        LogRedactor.protect(adminKey);
        assertThat(LogRedactor.redact("wrong-" + adminKey + " refused")).isEqualTo("wrong-[REDACTED] refused");
        LogRedactor.protect("short");
        assertThat(LogRedactor.redact("a short line")).isEqualTo("a short line");
    }

    @Test
    void ordinaryLinesAreUntouched() {
        String line = "2026-01-01T00:00:00Z INFO Started EmbapiApplication in 4.2 seconds (process running for 5)";
        assertThat(LogRedactor.redact(line)).isSameAs(line);
    }
}
