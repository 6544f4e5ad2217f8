package dev.tracestore.core.analysis;

/**
 * Rate, errors and duration of the spans of one operation over one stretch of time (a whole window or one bucket).
 * Durations are in nanoseconds; a percentile is at most 0.8% or 1.024 µs (whichever is larger) above the exact
 * nearest-rank percentile, never below it, and never above {@link #maxNanos()} (see {@link LatencyCell}).
 *
 * <pre>{@code
 * RedFigures figures = operation.total();
 * System.out.printf("%d requests, %.1f/s, %.1f%% failed, p99 %d ms%n", figures.count(), figures.ratePerSecond(),
 *         100 * figures.errorRate(), figures.p99Nanos() / 1_000_000);
 * }</pre>
 *
 * @param count how many spans
 * @param ratePerSecond {@code count} divided by the stretch's length in seconds; 0 when it has no length
 * @param errors how many of them failed (by the store's failure rules)
 * @param errorRate {@code errors / count}, 0 when there are none
 * @param p50Nanos the 50th percentile of the durations
 * @param p90Nanos the 90th percentile
 * @param p95Nanos the 95th percentile
 * @param p99Nanos the 99th percentile
 * @param maxNanos the longest duration, exact
 */
public record RedFigures(long count, double ratePerSecond, long errors, double errorRate, long p50Nanos,
        long p90Nanos, long p95Nanos, long p99Nanos, long maxNanos) {
}
