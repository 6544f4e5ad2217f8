package dev.tracestore.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times and durations read in tables: short, with a unit, in UTC like the {@code --from} examples. */
final class Durations {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Durations() {
    }

    /**
     * @param nanos a duration in nanoseconds, not negative
     * @return e.g. {@code 850 ns}, {@code 12.5 µs}, {@code 120.0 ms}, {@code 2.350 s}, {@code 3m 05s}, {@code 2h 10m}
     */
    static String format(long nanos) {
        if (nanos < 1_000L) {
            return nanos + " ns";
        }
        // The thresholds sit where rounding would print 1000.0 of the smaller unit.
        if (nanos < 999_950L) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 999_950_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 59_999_500_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        long seconds = (nanos + 500_000_000L) / 1_000_000_000L;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /**
     * @param epochNanos a time in nanoseconds since the epoch
     * @return the time in UTC to the millisecond, e.g. {@code 2026-01-05T10:00:00.123Z}
     */
    static String time(long epochNanos) {
        return TIME.format(instant(epochNanos));
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
