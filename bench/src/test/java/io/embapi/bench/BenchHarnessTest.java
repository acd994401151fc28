package io.embapi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.platform.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, at the smoke profile's toy sizes (seconds): every section runs on the test database through
 * the real Flyway scripts and Axon engine, and reports a number for every variant. Not a measurement.
 */
class BenchHarnessTest {

    @Test
    void everySectionRunsAndReportsEveryVariant() {
        Map<String, Supplier<Object>> properties = new HashMap<>();
        TestDatabase.register(properties::put);
        BenchStore.Server server = new BenchStore.Server(
                (String) properties.get("spring.datasource.url").get(),
                (String) properties.get("spring.datasource.username").get(),
                (String) properties.get("spring.datasource.password").get());

        String report = BenchMain.run(server, Plan.named("smoke"), BenchMain.SECTIONS, 1, true, false);

        assertThat(report).contains("### Event size per embedding", "### 1. Sequential ingestion",
                "### 2. Aggregate load time", "### 3. Concurrent writers on one project",
                "### 4. Delete all embeddings");
        assertThat(report).contains("| a: per batch |", "| a: per batch + lookup (today), update |",
                "| b: per project |", "| c: per embedding, update |", "| c: per embedding, 10 % overlap | 3 |",
                "| c: one event per embedding stream | 50 |");
        assertThat(report.lines().filter(line -> line.startsWith("| ")))
                .noneMatch(line -> line.contains(" – "));
    }
}
