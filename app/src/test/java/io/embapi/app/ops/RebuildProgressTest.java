package io.embapi.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Percentage and ETA of a rebuild across processors: positions against the heads at the reset. */
class RebuildProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void percentAndEtaFollowThePositionsAgainstTheResetHeads() {
        RebuildProgress progress = new RebuildProgress(0);
        progress.update("user-view", 100, 400L, false);
        progress.update("embedding-view", 100, 600L, false);
        assertThat(progress.percent()).isEqualTo(20.0);
        // 200 of 1000 events in 10 s: 800 more take 40 s
        assertThat(progress.eta(10 * SECOND)).isEqualTo(Duration.ofSeconds(40));
        assertThat(progress.render(10 * SECOND)).startsWith("[######------------------------]  20.0%")
                .contains("200/1000 events").contains("0/2 processors").endsWith("ETA 00:00:40");
        assertThat(progress.done()).isFalse();

        progress.update("user-view", 400, null, true);
        progress.update("embedding-view", 900, null, true); // beyond the reset head: new events, capped
        assertThat(progress.done()).isTrue();
        assertThat(progress.percent()).isEqualTo(100.0);
        assertThat(progress.render(20 * SECOND)).contains("100.0%").contains("2/2 processors")
                .endsWith("ETA 00:00:00");
    }

    @Test
    void withoutARateThereIsNoEtaYet() {
        RebuildProgress progress = new RebuildProgress(0);
        progress.update("user-view", -1, 50L, false);
        assertThat(progress.eta(SECOND)).isNull();
        assertThat(progress.render(SECOND)).contains("  0.0%").endsWith("ETA --:--:--");
        assertThat(RebuildProgress.clock(Duration.ofSeconds(3725))).isEqualTo("01:02:05");
    }
}
