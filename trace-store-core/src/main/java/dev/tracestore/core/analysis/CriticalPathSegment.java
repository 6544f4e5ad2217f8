package dev.tracestore.core.analysis;

/**
 * One stretch of a trace's critical path: the time during which the given span, and none of its children, was
 * what the trace waited on (see {@link CriticalPath}).
 *
 * <pre>{@code
 * for (CriticalPathSegment segment : CriticalPath.of(trace)) {
 *     System.out.println(segment.spanId() + " " + segment.durationNanos() / 1_000 + " us");
 * }
 * }</pre>
 *
 * @param spanId the span on the path during this stretch
 * @param startEpochNanos the start of the stretch
 * @param endEpochNanos the end of the stretch, after its start
 */
public record CriticalPathSegment(String spanId, long startEpochNanos, long endEpochNanos) {

    /** @return {@code endEpochNanos - startEpochNanos} */
    public long durationNanos() {
        return endEpochNanos - startEpochNanos;
    }
}
