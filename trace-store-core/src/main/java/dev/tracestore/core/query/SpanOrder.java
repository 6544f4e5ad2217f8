package dev.tracestore.core.query;

/**
 * The order of query results. Ties are always broken by trace ID, then span ID, so the same query over the
 * same spans gives the same answer.
 *
 * <pre>{@code
 * SpanQuery query = SpanQuery.builder().order(SpanOrder.LONGEST_FIRST).build();
 * }</pre>
 */
public enum SpanOrder {
    /** Latest start time first (the default). */
    NEWEST_FIRST,
    /** Earliest start time first. */
    OLDEST_FIRST,
    /** Longest duration first. */
    LONGEST_FIRST
}
