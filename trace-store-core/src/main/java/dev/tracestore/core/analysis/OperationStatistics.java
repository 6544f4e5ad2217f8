package dev.tracestore.core.analysis;

/**
 * Durations and self times of the spans of one operation (service and span name) in one trace.
 * Self time is the span's duration minus the union of its direct children's intervals, each child clipped to the
 * span (see {@link TraceStatistics}).
 *
 * <pre>{@code
 * for (OperationStatistics op : TraceStatistics.of(store.getTrace(traceId))) {
 *     System.out.printf("%s %s x%d self %.1f ms%n", op.service(), op.operation(), op.count(),
 *             op.totalSelfNanos() / 1e6);
 * }
 * }</pre>
 *
 * @param service the spans' {@code service.name} (empty when they have none)
 * @param operation the span name
 * @param count how many spans of the trace have this service and name
 * @param totalDurationNanos the sum of their durations
 * @param avgDurationNanos {@code totalDurationNanos / count}
 * @param minDurationNanos the shortest duration
 * @param maxDurationNanos the longest duration
 * @param totalSelfNanos the sum of their self times
 * @param avgSelfNanos {@code totalSelfNanos / count}
 * @param minSelfNanos the smallest self time
 * @param maxSelfNanos the largest self time
 */
public record OperationStatistics(String service, String operation, int count,
        long totalDurationNanos, double avgDurationNanos, long minDurationNanos, long maxDurationNanos,
        long totalSelfNanos, double avgSelfNanos, long minSelfNanos, long maxSelfNanos) {
}
