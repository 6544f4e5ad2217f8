package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;

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
     * Returns the stored spans of one trace, ordered by start time, ties by span ID.
     *
     * @param traceId 32 lowercase hex characters
     * @return an immutable list, empty when no span of the trace is stored
     * @throws IllegalArgumentException when {@code traceId} is malformed
     */
    List<StoredSpan> getTrace(String traceId);

    /** @return how many spans are stored now */
    int size();

    /** @return the most spans the store holds before it evicts */
    int capacity();

    /** @return how many spans were evicted since the store was created */
    long evictedCount();
}
