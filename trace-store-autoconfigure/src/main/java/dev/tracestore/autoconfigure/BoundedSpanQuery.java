package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SearchResult;
import dev.tracestore.core.store.SpanStore;

import java.util.List;

/**
 * Runs a span query so that the answer stays within the response limits and so does the memory that builds it:
 * instead of unpacking every span the query's limit allows (10 000 spans of 512 KB each are 5 GB), it asks the store
 * for a first few, and for more only while the byte budget has room, sizing each next request from the spans seen.
 * Every request is the same query with a higher limit, so each answer is a prefix of the next; the last one is
 * taken whole, so spans ingested meanwhile never make an answer skip or repeat a span. All requests share one query
 * deadline, so that together they stop at the query timeout.
 */
final class BoundedSpanQuery {

    private static final int FIRST_REQUEST = 8;

    private final SpanStore store;
    private final int maxSpans;
    private final long maxBytes;

    BoundedSpanQuery(SpanStore store, int maxSpans, long maxBytes) {
        this.store = store;
        this.maxSpans = maxSpans;
        this.maxBytes = maxBytes;
    }

    /**
     * @param query the query as asked
     * @return the spans it answers, in its order, cut where a limit is reached
     */
    SpanBudget run(SpanQuery query) {
        // One more than the span limit, to tell a cut answer from one that is exactly that long.
        int wanted = Math.min(query.limit(), Math.min(maxSpans + 1, SpanQuery.MAX_LIMIT));
        int requested = Math.min(wanted, FIRST_REQUEST);
        QueryDeadline deadline = store.startQuery();
        while (true) {
            SearchResult<StoredSpan> result = store.searchSpans(query.toBuilder().limit(requested).build(), deadline);
            List<StoredSpan> found = result.items();
            SpanBudget budget = new SpanBudget(maxSpans, maxBytes, result.truncatedReason());
            for (StoredSpan span : found) {
                if (!budget.add(span)) {
                    return budget;
                }
            }
            if (found.size() < requested || requested == wanted || result.partial()) {
                return budget;
            }
            long perSpan = Math.max(1, budget.bytes() / found.size());
            long fitting = maxBytes / perSpan + 1;
            requested = (int) Math.min(wanted, Math.max(requested + 1L, Math.min(requested * 8L, fitting)));
        }
    }
}
