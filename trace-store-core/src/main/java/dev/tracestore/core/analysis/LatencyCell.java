package dev.tracestore.core.analysis;

import org.HdrHistogram.IntCountsHistogram;

/**
 * Counts, errors and a duration histogram of the spans of one operation in one stretch of time.
 *
 * <p>Percentiles come from an HdrHistogram with 2 significant digits and a lowest discernible value of 1 024 ns:
 * a duration is counted in a bucket at most {@code max(1 024 ns, duration / 128)} wide. The p-th percentile is the
 * nearest-rank one (the smallest duration that at least p% of the spans do not exceed), reported as the highest
 * value of its bucket, capped at the exact maximum: at most 0.8% or 1.024 µs (whichever is larger) above the exact
 * value, never below it. Counts in an int per bucket: a few kilobytes per cell, grown only as far as the longest
 * duration needs.
 */
final class LatencyCell {

    /** The smallest bucket width: durations below about 1 µs are told apart only to the microsecond. */
    static final long LOWEST_DISCERNIBLE_NANOS = 1024;
    static final int SIGNIFICANT_DIGITS = 2;

    private final IntCountsHistogram histogram;
    private long count;
    private long errors;
    private long max;

    LatencyCell() {
        histogram = new IntCountsHistogram(LOWEST_DISCERNIBLE_NANOS, LOWEST_DISCERNIBLE_NANOS * 1024,
                SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
    }

    void record(long durationNanos, boolean failed) {
        long duration = Math.max(0, durationNanos);
        histogram.recordValue(duration);
        count++;
        if (failed) {
            errors++;
        }
        if (duration > max) {
            max = duration;
        }
    }

    long count() {
        return count;
    }

    /**
     * @param seconds the length of the stretch the spans started in
     * @return the figures of the recorded spans
     */
    RedFigures figures(double seconds) {
        long[] percentiles = percentiles(50, 90, 95, 99);
        return new RedFigures(count, seconds > 0 ? count / seconds : 0, errors,
                count == 0 ? 0 : (double) errors / count, percentiles[0], percentiles[1], percentiles[2],
                percentiles[3], max);
    }

    /**
     * Nearest-rank percentiles in one walk over the histogram's buckets up to the last one needed ({@code levels}
     * ascending); the library's {@code getValueAtPercentile} would walk from the first bucket once per level, and
     * its iterators cost more still.
     */
    private long[] percentiles(int... levels) {
        long[] values = new long[levels.length];
        if (count == 0) {
            return values;
        }
        long seen = 0;
        int next = 0;
        for (long value = 0; next < levels.length; value = histogram.nextNonEquivalentValue(value)) {
            seen += histogram.getCountAtValue(value);
            while (next < levels.length && seen >= rank(levels[next])) {
                values[next++] = Math.min(max, histogram.highestEquivalentValue(value));
            }
        }
        return values;
    }

    /** @return the nearest rank of the percentile, {@code ceil(level * count / 100)} in integers, at least 1 */
    private long rank(int level) {
        return Math.max(1, (level * count + 99) / 100);
    }
}
