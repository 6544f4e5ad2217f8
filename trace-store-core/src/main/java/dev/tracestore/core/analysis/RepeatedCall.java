package dev.tracestore.core.analysis;

import java.util.List;

/**
 * One run of repeated calls found in a trace (an N+1 pattern): sibling spans of one service making the same
 * call one after the other (see {@link RepeatedCallDetector} for the exact definition).
 *
 * <pre>{@code
 * for (RepeatedCall repeat : RepeatedCallDetector.withDefaults().find(store.getTrace(traceId))) {
 *     System.out.println(repeat.count() + " x " + repeat.operation() + " under " + repeat.parentName());
 * }
 * }</pre>
 *
 * @param traceId the trace
 * @param parentSpanId the common parent of the repeated spans
 * @param parentName the parent's span name, empty when the parent is not in the trace
 * @param service the {@code service.name} of the repeated spans
 * @param kind {@code "db"} for database statements, {@code "client"} for client calls
 * @param operation the normalized statement (literals replaced by {@code ?}), or the client span's name and route
 * @param count how many spans the run has
 * @param totalDurationNanos the sum of their durations
 * @param startEpochNanos the start of the first span of the run
 * @param endEpochNanos the end of the last span of the run
 * @param spanIds the repeated spans, in start order
 */
public record RepeatedCall(String traceId, String parentSpanId, String parentName, String service, String kind,
        String operation, int count, long totalDurationNanos, long startEpochNanos, long endEpochNanos,
        List<String> spanIds) {

    /** Makes the span ID list immutable. */
    public RepeatedCall {
        spanIds = List.copyOf(spanIds);
    }
}
