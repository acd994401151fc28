package io.embapi.app.ops;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The progress of a rebuild across processors: each replays from its first event up to the head it had when it was
 * reset; the sum of their positions against the sum of those heads gives the percentage, and the rate since the
 * start the time still needed.
 */
final class RebuildProgress {

    private static final int BAR_WIDTH = 30;

    private final Map<String, Long> targets = new TreeMap<>();
    private final Map<String, Long> positions = new TreeMap<>();
    private final Map<String, Boolean> finished = new TreeMap<>();
    private final long startedNanos;

    RebuildProgress(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** Records one processor's state; {@code target} is its reset position (kept from the first report). */
    void update(String processor, long position, Long target, boolean done) {
        if (target != null) {
            targets.merge(processor, target, Math::max);
        } else {
            targets.putIfAbsent(processor, Math.max(position, 0));
        }
        long capped = Math.min(Math.max(position, 0), targets.get(processor));
        positions.put(processor, done ? targets.get(processor) : capped);
        finished.put(processor, done);
    }

    boolean done() {
        return !finished.isEmpty() && finished.values().stream().allMatch(Boolean::booleanValue);
    }

    long total() {
        return targets.values().stream().mapToLong(Long::longValue).sum();
    }

    long processed() {
        return positions.values().stream().mapToLong(Long::longValue).sum();
    }

    double percent() {
        long total = total();
        return total <= 0 ? (done() ? 100.0 : 0.0) : Math.min(100.0, 100.0 * processed() / total);
    }

    /** The time still needed at the rate seen since the start (a replay starts at 0), null before there is one. */
    Duration eta(long nowNanos) {
        long processed = processed();
        long elapsed = nowNanos - startedNanos;
        if (processed <= 0 || elapsed <= 0) {
            return done() ? Duration.ZERO : null;
        }
        double perNano = (double) processed / elapsed;
        return Duration.ofNanos((long) ((total() - processed) / perNano));
    }

    /** One line: bar, percentage, events, processors done, ETA. */
    String render(long nowNanos) {
        double percent = percent();
        int filled = (int) Math.round(BAR_WIDTH * percent / 100.0);
        Duration eta = eta(nowNanos);
        long doneCount = finished.values().stream().filter(Boolean::booleanValue).count();
        return String.format("[%s%s] %5.1f%%  %d/%d events  %d/%d processors  ETA %s",
                "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), percent, processed(), total(), doneCount,
                finished.size(), eta == null ? "--:--:--" : clock(eta));
    }

    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
