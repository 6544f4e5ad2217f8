package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import java.time.Clock;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The searches of an {@link InMemorySpanStore}: each plans its query on the index and the time blocks under one
 * short read hold, then reads the candidate blocks in short holds ({@link BlockScanner}) until its answer is settled
 * or its budget is spent. The store evicts expired spans before it asks.
 */
final class StoreSearches {

    private final Lock readLock;
    private final SpanRing ring;
    private final Clock clock;
    private final FailureRules failureRules;

    StoreSearches(Lock readLock, SpanRing ring, Clock clock, FailureRules failureRules) {
        this.readLock = readLock;
        this.ring = ring;
        this.clock = clock;
        this.failureRules = failureRules;
    }

    SearchResult<StoredSpan> spans(SpanQuery query, QueryBudget budget) {
        QueryPlan plan = plan(query, query.order());
        TopSpans best = new TopSpans(query.order(), query.limit());
        scan(plan, budget, false, best::settledBefore, slot -> best.offer(ring, slot, plan.decoded));
        return new SearchResult<>(best.spans(), budget.spentReason());
    }

    /** Like {@link #spans}, but unpacks no span that matching did not need to unpack. */
    SearchResult<SpanStart> spanStarts(SpanQuery query, QueryBudget budget) {
        QueryPlan plan = plan(query, query.order());
        TopSpans best = new TopSpans(query.order(), query.limit());
        scan(plan, budget, true, best::settledBefore, slot -> best.offerPacked(ring, slot));
        return new SearchResult<>(best.starts(), budget.spentReason());
    }

    SearchResult<TraceSummary> traces(SpanQuery query, QueryBudget budget) {
        // blocks newest first: a trace starts no later than its spans, so only that order can stop early
        QueryPlan plan = plan(query, SpanOrder.NEWEST_FIRST);
        TopTraces best = new TopTraces(query);
        scan(plan, budget, false, best::settledBefore, slot -> best.offer(ring, slot));
        return new SearchResult<>(best.traces(), budget.spentReason());
    }

    /** Every match, oldest block first, to the visitor; a span is unpacked only when its conditions need it. */
    ScanResult scan(SpanQuery query, QueryBudget budget, Consumer<ScannedSpan> visitor) {
        QueryPlan plan = plan(query, SpanOrder.OLDEST_FIRST);
        RingScannedSpan view = new RingScannedSpan(ring);
        long[] visited = {0};
        scan(plan, budget, false, block -> false, slot -> {
            visitor.accept(view.at(slot, plan.decoded));
            visited[0]++;
        });
        return new ScanResult(visited[0], budget.spentReason());
    }

    private QueryPlan plan(SpanQuery query, SpanOrder order) {
        SpanPredicate predicate = SpanPredicate.of(query, clock.instant(), failureRules);
        readLock.lock();
        try {
            return QueryPlan.of(query, predicate, order, ring);
        } finally {
            readLock.unlock();
        }
    }

    /** @param columnsOnly whether {@code sink} reads only columns (longer lock holds stay short then) */
    private void scan(QueryPlan plan, QueryBudget budget, boolean columnsOnly, Predicate<QueryPlan.Block> settled,
            IntConsumer sink) {
        BlockScanner scanner = new BlockScanner(readLock, ring, plan, budget, columnsOnly);
        for (QueryPlan.Block block : plan.blocks) {
            if (settled.test(block) || !scanner.scan(block, sink)) {
                return;
            }
        }
    }
}
