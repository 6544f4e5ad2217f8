package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import java.util.List;

/**
 * A bounded, thread-safe store of finished spans. When full, adding a span evicts the oldest one (first in,
 * first out). Results are immutable snapshots: callers never see the store's internals or a half-added span.
 *
 * <pre>{@code
 * SpanStore store = new InMemorySpanStore(100_000);
 * store.add(span);
 * List<StoredSpan> trace = store.getTrace("4bf92f3577b34da6a3ce929d0e0e4736");
 * }</pre>
 */
public interface SpanStore {

    /**
     * Adds a span, evicting the oldest span when the store is full.
     *
     * @param span the finished span
     */
    void add(StoredSpan span);

    /**
     * Adds spans in their order, as {@link #add} one by one would; a store may do it more cheaply (a reload hands
     * over thousands at a time).
     *
     * @param spans the finished spans, oldest first
     */
    default void addAll(List<StoredSpan> spans) {
        for (StoredSpan span : spans) {
            add(span);
        }
    }

    /**
     * Returns the stored spans of one trace, ordered by start time, ties by span ID.
     *
     * @param traceId 32 lowercase hex characters
     * @return an immutable list, empty when no span of the trace is stored
     * @throws IllegalArgumentException when {@code traceId} is malformed
     */
    List<StoredSpan> getTrace(String traceId);

    /**
     * Returns the spans that match every condition of the query, in the query's order, at most its limit.
     * Ties are broken by trace ID, then span ID.
     *
     * @param query the conditions, order and limit
     * @return an immutable list
     */
    List<StoredSpan> findSpans(SpanQuery query);

    /**
     * Returns the traces that have at least one span matching every span condition of the query and whose
     * duration lies within its trace-duration bounds; the limit counts traces. Ties are broken by trace ID.
     *
     * @param query the conditions, order and limit
     * @return an immutable list of summaries
     */
    List<TraceSummary> findTraces(SpanQuery query);

    /**
     * Like {@link #findSpans}, saying whether the answer is complete: a store may stop a search that exceeds its
     * budget (time, regular-expression work) and answer what it found so far.
     *
     * @param query the conditions, order and limit
     * @return the spans, and why the search stopped early if it did
     */
    default SearchResult<StoredSpan> searchSpans(SpanQuery query) {
        return SearchResult.complete(findSpans(query));
    }

    /**
     * Like {@link #findTraces}, saying whether the answer is complete (see {@link #searchSpans}).
     *
     * @param query the conditions, order and limit
     * @return the trace summaries, and why the search stopped early if it did
     */
    default SearchResult<TraceSummary> searchTraces(SpanQuery query) {
        return SearchResult.complete(findTraces(query));
    }

    /** @return the services that have spans in the store, sorted */
    List<String> services();

    /** @return how many spans are stored now */
    int size();

    /** @return the most spans the store holds before it evicts */
    int capacity();

    /** @return how many spans were evicted since the store was created */
    long evictedCount();
}
