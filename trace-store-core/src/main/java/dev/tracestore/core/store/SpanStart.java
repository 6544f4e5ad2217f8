package dev.tracestore.core.store;

/**
 * Where a matching span is, without the span: its trace ID and start, as {@link SpanStore#searchSpanStarts}
 * answers them for a caller that reads whole traces afterwards (a TraceQL search) and would throw the unpacked
 * spans away.
 *
 * <pre>{@code
 * SearchResult<SpanStart> found = store.searchSpanStarts(SpanQuery.builder().failed(true).limit(20).build(),
 *         store.startQuery());
 * for (SpanStart span : found.items()) {
 *     List<StoredSpan> trace = store.getTrace(span.traceId());
 * }
 * }</pre>
 *
 * @param traceId the span's trace ID, 32 lowercase hex characters
 * @param startEpochNanos the span's start, in nanoseconds since the epoch
 */
public record SpanStart(String traceId, long startEpochNanos) {
}
