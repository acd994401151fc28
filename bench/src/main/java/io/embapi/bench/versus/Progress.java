package io.embapi.bench.versus;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar on stderr: the current phase with its percentage, the whole run's percentage and an ETA. The run
 * is planned up front as phases with an estimated duration each ({@link Estimate}); the overall fraction is the
 * estimated seconds of the finished phases plus the current phase's share, and the ETA extrapolates the elapsed time
 * from that fraction, so it corrects itself when this machine is slower or faster than the estimate. On a terminal
 * the bar is redrawn in place at most five times a second; elsewhere (CI logs) one line every ten seconds.
 */
final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final double totalEstimate;
    private final long started = System.nanoTime();
    private double doneEstimate;
    private String phase = "";
    private double phaseEstimate;
    private long lastPrint;

    Progress(PrintStream out, double totalEstimateSeconds) {
        this.out = out;
        this.terminal = System.console() != null;
        this.totalEstimate = Math.max(1, totalEstimateSeconds);
    }

    /** Starts a phase that is expected to take {@code estimateSeconds}. */
    void phase(String name, double estimateSeconds) {
        finishPhase();
        phase = name;
        phaseEstimate = estimateSeconds;
        lastPrint = 0;
        update(0, 1);
    }

    /** Reports {@code done} of {@code total} units of the current phase. */
    synchronized void update(long done, long total) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        long now = System.nanoTime();
        if (now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L) && done < total) {
            return;
        }
        lastPrint = now;
        double overall = Math.min(1, (doneEstimate + fraction * phaseEstimate) / totalEstimate);
        double elapsed = (now - started) / 1e9;
        double eta = overall > 0.01 ? elapsed / overall - elapsed : totalEstimate - elapsed;
        int width = 24;
        int filled = (int) Math.round(overall * width);
        String bar = String.format(Locale.ROOT, "[%s%s] %5.1f %% | %-34s %5.1f %% | elapsed %s | ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), overall * 100, phase, fraction * 100,
                clock(elapsed), clock(Math.max(0, eta)));
        if (terminal) {
            out.print("\r" + bar + "   ");
        } else {
            out.println(bar);
        }
        out.flush();
    }

    /** A message on its own line, without losing the bar. */
    synchronized void note(String message) {
        out.println((terminal ? "\r" : "") + message + " ".repeat(terminal ? 40 : 0));
        out.flush();
    }

    void finish() {
        finishPhase();
        if (terminal) {
            out.println();
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void finishPhase() {
        if (!phase.isEmpty()) {
            lastPrint = 0;
            update(1, 1);
            doneEstimate += phaseEstimate;
        }
        phase = "";
        phaseEstimate = 0;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
