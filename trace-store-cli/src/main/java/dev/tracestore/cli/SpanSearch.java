package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SearchResult;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds spans in the span files in one pass, keeping only what can still be a result: the core's
 * {@link SpanPredicate} filters while streaming, and the matches go into a small {@link InMemorySpanStore}.
 * When that store is full it is cut down to the query's best {@code limit} spans (by asking it the query), so
 * memory stays proportional to the limit, not to the files, and the answer is the one the store would give
 * over every span.
 */
final class SpanSearch {

    /** Cutting down costs a query over the store; a store much larger than the limit makes it rare. */
    static final int MIN_CAPACITY = 10_000;

    private final SpanFiles files;
    private final Clock clock;
    private final int minCapacity;

    SpanSearch(SpanFiles files, Clock clock) {
        this(files, clock, MIN_CAPACITY);
    }

    SpanSearch(SpanFiles files, Clock clock, int minCapacity) {
        this.files = files;
        this.clock = clock;
        this.minCapacity = minCapacity;
    }

    /**
     * @param query conditions, order and limit; a look-back counts back from the clock
     * @return the spans the query selects from all files
     */
    Found<StoredSpan> spans(SpanQuery query) {
        SpanPredicate matches = SpanPredicate.of(query, clock.instant());
        Best best = new Best(query, Math.max(minCapacity, 2 * query.limit()));
        ReadResult read = files.read("", span -> {
            if (matches.test(span)) {
                best.add(span);
            }
        });
        SearchResult<StoredSpan> found = best.store.searchSpans(query);
        return new Found<>(found.items(), read,
                found.partial() ? found.truncatedReason() : best.truncatedReason);
    }

    /**
     * @param traceId 32 lowercase hex characters
     * @return the trace's spans ordered by start time, ties by span ID; empty when no file holds the trace
     */
    Found<StoredSpan> trace(String traceId) {
        List<StoredSpan> spans = new ArrayList<>();
        ReadResult read = files.read("", span -> {
            if (span.traceId().equals(traceId)) {
                spans.add(span);
            }
        });
        if (spans.isEmpty()) {
            return new Found<>(List.of(), read);
        }
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(spans.size()).clock(clock).build();
        spans.forEach(store::add);
        return new Found<>(store.getTrace(traceId), read);
    }

    /** The matches that can still be among the results. */
    private final class Best {
        private final SpanQuery query;
        private final int capacity;
        private InMemorySpanStore store;
        private String truncatedReason;

        Best(SpanQuery query, int capacity) {
            this.query = query;
            this.capacity = capacity;
            this.store = newStore();
        }

        void add(StoredSpan span) {
            if (store.size() == capacity) {
                // The best `limit` of what is kept, plus what is still to come, holds the best `limit` of all.
                SearchResult<StoredSpan> kept = store.searchSpans(query);
                if (kept.partial()) {
                    truncatedReason = kept.truncatedReason();
                }
                store = newStore();
                kept.items().forEach(store::add);
            }
            store.add(span);
        }

        private InMemorySpanStore newStore() {
            return InMemorySpanStore.builder().maxSpans(capacity).clock(clock).build();
        }
    }
}
