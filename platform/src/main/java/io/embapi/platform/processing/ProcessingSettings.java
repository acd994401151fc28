package io.embapi.platform.processing;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event processor operations ({@code embapi.processing.*}).
 *
 * @param neverRebuild        processors that are never reset (their state is not derived, e.g. the audit hash
 *                            chain, whose value is that it was computed once, as the events arrived)
 * @param deadLetterRetry     how often dead letters that are due are retried automatically ({@code 0s}: never)
 * @param deadLetterBackoff   wait before the first automatic retry; doubles with every failed retry
 * @param deadLetterMaxBackoff the longest wait between two automatic retries of one sequence
 * @param segments            segments of every tracking projection when its tokens are first created, and the
 *                            threads each JVM gives it, so that one JVM can run all of them and several JVMs can
 *                            share them through token claims (split deployment, ADR 0015); existing token rows keep
 *                            their segment count
 * @param claimTimeout        how long a token claim is honoured without being extended: after a JVM dies, its
 *                            segments are free for another one this long after its last extension
 * @param tokenClaimInterval  how often a processor with free threads looks for unclaimed segments
 */
@ConfigurationProperties("embapi.processing")
public record ProcessingSettings(
        @DefaultValue("audit-chain") List<String> neverRebuild,
        @DefaultValue("30s") Duration deadLetterRetry,
        @DefaultValue("1m") Duration deadLetterBackoff,
        @DefaultValue("1h") Duration deadLetterMaxBackoff,
        @DefaultValue("1") int segments,
        @DefaultValue("10s") Duration claimTimeout,
        @DefaultValue("5s") Duration tokenClaimInterval) {

    /** The wait before the next automatic retry of a letter that failed {@code retries} retries so far. */
    public Duration backoff(int retries) {
        Duration wait = deadLetterBackoff;
        for (int i = 0; i < retries && wait.compareTo(deadLetterMaxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(deadLetterMaxBackoff) > 0 ? deadLetterMaxBackoff : wait;
    }
}
