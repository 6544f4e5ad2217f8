package dev.tracestore.core.traceql;

import dev.tracestore.core.store.TraceSpans;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One trace's spans prepared for evaluation: positions in start order (ties by span ID), each with the index of
 * its span in the {@link TraceSpans}, its parent's position (-1 when the parent is not stored), children counts,
 * the root's position and the trace duration. Works on the IDs as numbers, so a trace read packed is not unpacked.
 */
final class TraceView {

    /** Up to this many spans, sorting and parent look-ups go without boxing. */
    private static final int SMALL = 32;

    final TraceSpans spans;
    /** The index in {@link #spans} of each position. */
    private final int[] index;
    final int[] parent;
    final int[] childCount;
    /** The position of the first root span, or -1. */
    final int root;
    final long durationNanos;

    TraceView(TraceSpans spans) {
        this.spans = spans;
        int size = spans.size();
        index = byStart(spans);
        long[] ids = new long[size];
        for (int p = 0; p < size; p++) {
            ids[p] = spans.spanId(index[p]);
        }
        Map<Long, Integer> byId = size > SMALL ? new HashMap<>(size * 2) : null;
        if (byId != null) {
            for (int p = 0; p < size; p++) {
                byId.putIfAbsent(ids[p], p);
            }
        }
        parent = new int[size];
        childCount = new int[size];
        int firstRoot = -1;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int p = 0; p < size; p++) {
            int i = index[p];
            long parentId = spans.parentSpanId(i);
            int parentPosition = parentId == 0 ? -1 : byId != null ? byId.getOrDefault(parentId, -1)
                    : find(ids, parentId);
            parent[p] = parentPosition == p ? -1 : parentPosition;
            if (parent[p] >= 0) {
                childCount[parent[p]]++;
            }
            if (firstRoot < 0 && parentId == 0) {
                firstRoot = p;
            }
            long spanStart = spans.startEpochNanos(i);
            start = Math.min(start, spanStart);
            end = Math.max(end, spanStart + spans.durationNanos(i));
        }
        this.root = firstRoot;
        this.durationNanos = size == 0 ? 0 : end - start;
    }

    /** @return the indexes of the spans by start, then span ID (unsigned, the order of their hex form) */
    private static int[] byStart(TraceSpans spans) {
        int size = spans.size();
        if (size <= SMALL) {
            int[] order = new int[size];
            long[] starts = new long[size];
            long[] ids = new long[size];
            for (int i = 0; i < size; i++) {
                long start = spans.startEpochNanos(i);
                long id = spans.spanId(i);
                int at = i;
                while (at > 0 && (starts[at - 1] > start
                        || starts[at - 1] == start && Long.compareUnsigned(ids[at - 1], id) > 0)) {
                    order[at] = order[at - 1];
                    starts[at] = starts[at - 1];
                    ids[at] = ids[at - 1];
                    at--;
                }
                order[at] = i;
                starts[at] = start;
                ids[at] = id;
            }
            return order;
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int order = Long.compare(spans.startEpochNanos(a), spans.startEpochNanos(b));
            return order != 0 ? order : Long.compareUnsigned(spans.spanId(a), spans.spanId(b));
        });
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static int find(long[] ids, long id) {
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == id) {
                return p;
            }
        }
        return -1;
    }

    /** @return the index in {@link #spans} of the span at {@code position} */
    int index(int position) {
        return index[position];
    }

    int size() {
        return index.length;
    }
}
