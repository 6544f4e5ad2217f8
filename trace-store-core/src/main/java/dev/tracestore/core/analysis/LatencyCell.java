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
        return new RedFigures(count, seconds > 0 ? count / seconds : 0, errors,
                count == 0 ? 0 : (double) errors / count, percentile(50), percentile(90), percentile(95),
                percentile(99), max);
    }

    /**
     * HdrHistogram's percentile is the nearest-rank one ({@code ceil(level * count / 100)}, at least 1) as the
     * highest value of its bucket; a walk over the counts array, far quicker than its iterators.
     */
    private long percentile(int level) {
        return count == 0 ? 0 : Math.min(max, histogram.getValueAtPercentile(level));
    }
}
