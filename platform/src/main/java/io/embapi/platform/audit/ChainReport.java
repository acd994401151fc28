package io.embapi.platform.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of one verification: which chain positions were checked, the head, how many committed events still
 * wait for the chainer and, when the history was tampered with, the first broken position and why.
 *
 * @param intact   true when every checked entry matched its stored event and no event was left out
 * @param from     first position checked
 * @param to       last position checked (0 when the chain is empty)
 * @param verified chain entries recomputed and found correct
 * @param lastHash the hash of the last entry found correct (position {@code from + verified - 1}); compare it with a
 *                 head hash recorded earlier to detect a rewritten or truncated chain
 * @param head     the chain's last entry, or null when the chain is empty
 * @param pending  committed events after the head, not chained yet (normal lag); null when the check stopped early
 * @param broken   the first finding, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainReport(boolean intact, long from, long to, long verified,
                          @JsonProperty("last_hash") String lastHash, Head head, Long pending,
                          @JsonProperty("first_broken") Broken broken,
                          @JsonProperty("elapsed_ms") long elapsedMillis) {

    /** The chain's last entry. */
    public record Head(long position, @JsonProperty("global_index") long globalIndex, String hash) {
    }

    /**
     * Where the chain first disagrees with the store.
     *
     * @param position    the chain position (null for an event that is in the store but not in the chain)
     * @param globalIndex the event's global index in {@code domainevententry}
     * @param reason      one of {@link Reason}, lower case
     * @param detail      what was found, for a person
     */
    public record Broken(Long position, @JsonProperty("global_index") long globalIndex, String reason,
                         String detail) {
    }

    /** Why a position is broken. */
    public enum Reason {
        /** The event row was changed after it was chained (payload, metadata or any other column). */
        HASH_MISMATCH,
        /** The chain entry's event row is gone. */
        EVENT_MISSING,
        /** The entry does not follow its predecessor: an entry before it was removed or altered. */
        PREV_HASH_MISMATCH,
        /** An event older than the chain's head that the chain does not contain (inserted behind the chainer). */
        UNCHAINED;

        String value() {
            return name().toLowerCase();
        }
    }
}
