package io.embapi.platform.processing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One event processor as operators see it.
 *
 * @param name            processor (and processing group) name
 * @param kind            {@code tracking}, {@code pooled} or {@code subscribing}
 * @param running         whether it is started
 * @param error           whether it (or one of its segments) is in an error state and retrying
 * @param rebuildable     whether {@code POST …/rebuild} may reset it
 * @param notRebuildable  why not, when it may not
 * @param replaying       whether a rebuild's replay has not yet reached the head it started against
 * @param head            global index of the newest event in the store (-1 when empty)
 * @param position        the lowest position over its segments (null: subscribing, or not yet started)
 * @param lag             events behind the head ({@code head - position}; 0 for subscribing processors, which
 *                        handle events inside the appending transaction)
 * @param progressPercent how far a replay is (position against the head at the reset), null when not replaying
 * @param deadLetters     dead letters waiting (null: the processor has no dead-letter queue)
 * @param segments        per-segment state of a streaming processor
 */
public record ProcessorView(
        String name,
        String kind,
        boolean running,
        boolean error,
        boolean rebuildable,
        @JsonProperty("not_rebuildable") String notRebuildable,
        boolean replaying,
        long head,
        Long position,
        long lag,
        @JsonProperty("progress_percent") Double progressPercent,
        @JsonProperty("dead_letters") Long deadLetters,
        List<Segment> segments) {

    /**
     * @param segment       segment id
     * @param position      current position (global index)
     * @param resetPosition the head when the replay began (null when not replaying)
     * @param caughtUp      whether it reached the head once
     * @param replaying     whether it is replaying
     * @param error         the failure it is retrying after, summarised (null when fine)
     */
    public record Segment(
            int segment,
            Long position,
            @JsonProperty("reset_position") Long resetPosition,
            @JsonProperty("caught_up") boolean caughtUp,
            boolean replaying,
            String error) {
    }
}
