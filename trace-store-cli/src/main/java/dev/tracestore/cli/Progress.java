package dev.tracestore.cli;

import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for reads that take a while: it appears only once reading has taken more than a
 * second, only on a terminal, is redrawn at most ten times a second, and is erased when reading ends so that
 * it never mixes with the results.
 */
final class Progress {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Checking the clock for every span would cost more than reading some of them. */
    private static final int CHECK_EVERY = 1024;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    private final long startedNanos;
    private long lastDrawnNanos;
    private boolean drawn;
    private String label = "";
    private long spans;

    private Progress(PrintWriter err, LongSupplier nanoTime, boolean enabled) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.enabled = enabled;
        this.startedNanos = nanoTime.getAsLong();
    }

    /** @return a progress that never prints */
    static Progress none() {
        return new Progress(null, () -> 0L, false);
    }

    /**
     * @param err where the line goes
     * @param interactive whether a person watches; otherwise nothing is printed
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     * @return the progress; the second counts from now
     */
    static Progress on(PrintWriter err, boolean interactive, LongSupplier nanoTime) {
        return new Progress(err, nanoTime, interactive);
    }

    /** @param label what is being done now, e.g. {@code reading trace-store (pass 2 of 3)}; resets the span count */
    void begin(String label) {
        this.label = label;
        this.spans = 0;
    }

    /** Counts one span read. */
    void span() {
        spans++;
        if (enabled && spans % CHECK_EVERY == 0) {
            long now = nanoTime.getAsLong();
            if (now - startedNanos >= SHOW_AFTER_NANOS && (!drawn || now - lastDrawnNanos >= REDRAW_NANOS)) {
                draw(now);
            }
        }
    }

    /** Erases the line, if one was drawn. */
    void end() {
        if (drawn) {
            err.print("\r\u001b[2K");
            err.flush();
            drawn = false;
        }
    }

    private void draw(long now) {
        err.print("\r\u001b[2K" + TerminalText.escape(label) + ": "
                + NumberFormat.getIntegerInstance(Locale.ROOT).format(spans) + " spans");
        err.flush();
        lastDrawnNanos = now;
        drawn = true;
    }
}
