package io.embapi.platform.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProjectionBarrierTest {

    @Test
    void aTokenPastTheEventCoversIt() {
        assertThat(ProjectionBarrier.covers(GapAwareTrackingToken.newInstance(10, Set.of()), 7)).isTrue();
        assertThat(ProjectionBarrier.covers(GapAwareTrackingToken.newInstance(7, Set.of()), 7)).isTrue();
    }

    @Test
    void aTokenBeforeTheEventDoesNotCoverIt() {
        assertThat(ProjectionBarrier.covers(GapAwareTrackingToken.newInstance(6, Set.of()), 7)).isFalse();
    }

    @Test
    void anEventStillInTheGapsIsNotCovered() {
        assertThat(ProjectionBarrier.covers(GapAwareTrackingToken.newInstance(10, Set.of(7L)), 7)).isFalse();
        assertThat(ProjectionBarrier.covers(GapAwareTrackingToken.newInstance(10, Set.of(5L)), 7)).isTrue();
    }

    @Test
    void aReplayingProcessorIsJudgedByItsCurrentPosition() {
        ReplayToken replay = (ReplayToken) ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(100, Set.of()), GapAwareTrackingToken.newInstance(3, Set.of()));
        assertThat(ProjectionBarrier.covers(replay, 7)).isFalse();
        assertThat(ProjectionBarrier.covers(replay, 3)).isTrue();
    }

    @Test
    void otherTokensAreJudgedByPositionAndNoTokenCoversNothing() {
        assertThat(ProjectionBarrier.covers(new GlobalSequenceTrackingToken(9), 9)).isTrue();
        assertThat(ProjectionBarrier.covers(null, 1)).isFalse();
    }
}
