package io.embapi.shared.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values as Go's {@code url.QueryEscape} produces them. */
class TextIdsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://id.salamanca.school/texts/W0001:vol1.1.1.1.1|"
                    + "https%3A%2F%2Fid.salamanca.school%2Ftexts%2FW0001%3Avol1.1.1.1.1",
            "test-doc-1|test-doc-1",
            "a b|a+b",
            "A-Z_a.z~0|A-Z_a.z~0",
            "*|%2A",
            "é|%C3%A9",
            "100%|100%25",
            "a+b&c=d|a%2Bb%26c%3Dd"})
    void escapesLikeGo(String decoded, String escaped) {
        assertThat(TextIds.queryEscape(decoded)).isEqualTo(escaped);
    }
}
