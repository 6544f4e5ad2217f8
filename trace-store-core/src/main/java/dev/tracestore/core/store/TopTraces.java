package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The best {@code limit} traces that have a matching span and whose duration lies within the query's trace
 * bounds, in the query's order, ties by trace ID. Each trace is summarised from its columns once, when its first
 * matching span is found. Used under the read lock, one query at a time.
 */
final class TopTraces {

    /** A trace ID as two unsigned longs. */
    private record TraceKey(long high, long low) {
    }

    private final SpanOrder order;
    private final int limit;
    private final long minTrace;
    private final long maxTrace;
    private final Comparator<TraceSummary> comparator;
    private final PriorityQueue<TraceSummary> best;
    private final Set<TraceKey> seen = new HashSet<>();

    TopTraces(SpanQuery query) {
        this.order = query.order();
        this.limit = query.limit();
        this.minTrace = query.minTraceDuration().map(Duration::toNanos).orElse(0L);
        this.maxTrace = query.maxTraceDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.comparator = order(order);
        this.best = new PriorityQueue<>(limit + 1, comparator.reversed());
    }

    /** @return the order of the answer: start time or duration as asked, then trace ID */
    static Comparator<TraceSummary> order(SpanOrder order) {
        Comparator<TraceSummary> primary = switch (order) {
            case NEWEST_FIRST -> Comparator.comparingLong(TraceSummary::startEpochNanos).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong(TraceSummary::startEpochNanos);
            case LONGEST_FIRST -> Comparator.comparingLong(TraceSummary::durationNanos).reversed();
        };
        return primary.thenComparing(TraceSummary::traceId);
    }

    /**
     * @return whether no trace found in a block with this bound (blocks read newest first) or a later one can
     *     enter the answer: a trace starts no later than any of its spans, so only newest-first can stop early
     */
    boolean settledBefore(QueryPlan.Block block) {
        return order == SpanOrder.NEWEST_FIRST && best.size() == limit
                && best.peek().startEpochNanos() > block.bound();
    }

    /** Offers the trace of the matching span in {@code slot}. */
    void offer(SpanRing ring, int slot) {
        TraceKey trace = new TraceKey(ring.columns.traceHigh[slot], ring.columns.traceLow[slot]);
        if (!seen.add(trace)) {
            return;
        }
        TraceSummary summary = summarize(ring, trace);
        if (summary.durationNanos() >= minTrace && summary.durationNanos() <= maxTrace) {
            best.offer(summary);
            if (best.size() > limit) {
                best.poll();
            }
        }
    }

    /** @return the traces, best first */
    List<TraceSummary> traces() {
        List<TraceSummary> traces = new ArrayList<>(best);
        traces.sort(comparator);
        return traces;
    }

    private static TraceSummary summarize(SpanRing ring, TraceKey trace) {
        SpanColumns c = ring.columns;
        int root = -1;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        Set<String> services = new TreeSet<>();
        int[] slots = ring.traceSlots(trace.high(), trace.low());
        for (int slot : slots) {
            if (root < 0 || rootRank(c, slot, root) < 0) {
                root = slot;
            }
            start = Math.min(start, c.start[slot]);
            end = Math.max(end, c.start[slot] + c.duration[slot]);
            errors += c.failed(slot) ? 1 : 0;
            services.add(ring.service(slot));
        }
        return new TraceSummary(HexIds.toHex(trace.high()) + HexIds.toHex(trace.low()), ring.service(root),
                ring.name(root), start, end - start, slots.length, errors, List.copyOf(services));
    }

    /** Roots first, then the earliest start, then span ID: the span a summary names the trace by. */
    private static int rootRank(SpanColumns c, int a, int b) {
        boolean aRoot = c.parentSpanId[a] == 0;
        boolean bRoot = c.parentSpanId[b] == 0;
        if (aRoot != bRoot) {
            return aRoot ? -1 : 1;
        }
        int order = Long.compare(c.start[a], c.start[b]);
        return order != 0 ? order : Long.compareUnsigned(c.spanId[a], c.spanId[b]);
    }
}
