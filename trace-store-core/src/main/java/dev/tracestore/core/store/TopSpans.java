package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code limit} matching spans in a query's order, ties by trace ID then span ID. A span is ranked on its
 * columns and unpacked only when it enters the best so far, or never when only its trace and start are asked for.
 * Used under the read lock, one query at a time.
 */
final class TopSpans {

    /** A span that may enter the answer, with what ordering needs. */
    private record Hit(long start, long duration, long traceHigh, long traceLow, long spanId, StoredSpan span) {
        long rank(SpanOrder order) {
            return switch (order) {
                case NEWEST_FIRST -> start;
                case OLDEST_FIRST -> -start;
                case LONGEST_FIRST -> duration;
            };
        }
    }

    private final SpanOrder order;
    private final int limit;
    private final Comparator<Hit> comparator;
    private final PriorityQueue<Hit> best;

    TopSpans(SpanOrder order, int limit) {
        this.order = order;
        this.limit = limit;
        this.comparator = hitOrder(order);
        this.best = new PriorityQueue<>(limit + 1, (a, b) -> comparator.compare(b, a));
    }

    /** @return whether no span of a block with this bound, or of any later block, can enter the answer */
    boolean settledBefore(QueryPlan.Block block) {
        return best.size() == limit && best.peek().rank(order) > block.bound();
    }

    /** Offers the matching span in {@code slot}; {@code decoded} is that span when the match unpacked it. */
    void offer(SpanRing ring, int slot, StoredSpan decoded) {
        SpanColumns c = ring.columns;
        Hit hit = new Hit(c.start[slot], c.duration[slot], c.traceHigh[slot], c.traceLow[slot], c.spanId[slot], null);
        if (best.size() < limit || comparator.compare(hit, best.peek()) < 0) {
            best.offer(new Hit(hit.start, hit.duration, hit.traceHigh, hit.traceLow, hit.spanId,
                    decoded != null ? decoded : ring.decode(slot)));
            if (best.size() > limit) {
                best.poll();
            }
        }
    }

    /** Offers the matching span in {@code slot} without unpacking it, for {@link #starts()}. */
    void offerPacked(SpanRing ring, int slot) {
        SpanColumns c = ring.columns;
        Hit hit = new Hit(c.start[slot], c.duration[slot], c.traceHigh[slot], c.traceLow[slot], c.spanId[slot], null);
        if (best.size() < limit || comparator.compare(hit, best.peek()) < 0) {
            best.offer(hit);
            if (best.size() > limit) {
                best.poll();
            }
        }
    }

    /** @return the trace ID and start of the spans offered with {@link #offerPacked}, best first */
    List<SpanStart> starts() {
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(comparator);
        return hits.stream().map(hit -> new SpanStart(HexIds.toHex(hit.traceHigh) + HexIds.toHex(hit.traceLow),
                hit.start)).toList();
    }

    /** @return the spans, best first */
    List<StoredSpan> spans() {
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(comparator);
        return hits.stream().map(Hit::span).toList();
    }

    /** One comparator, not a chain of them: it runs for every candidate span of a query. */
    private static Comparator<Hit> hitOrder(SpanOrder order) {
        return (a, b) -> {
            int primary = switch (order) {
                case NEWEST_FIRST -> Long.compare(b.start, a.start);
                case OLDEST_FIRST -> Long.compare(a.start, b.start);
                case LONGEST_FIRST -> Long.compare(b.duration, a.duration);
            };
            if (primary != 0) {
                return primary;
            }
            int ids = Long.compareUnsigned(a.traceHigh, b.traceHigh);
            if (ids == 0) {
                ids = Long.compareUnsigned(a.traceLow, b.traceLow);
            }
            return ids != 0 ? ids : Long.compareUnsigned(a.spanId, b.spanId);
        };
    }
}
