package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace's spans prepared for evaluation: indexed by position (start order), each with its parent's index
 * (-1 when the parent is not stored), children counts, the root and the trace duration.
 */
final class TraceView {

    private static final Comparator<StoredSpan> BY_START = Comparator.comparingLong(StoredSpan::startEpochNanos)
            .thenComparing(StoredSpan::spanId);

    final List<StoredSpan> spans;
    final int[] parent;
    final int[] childCount;
    final StoredSpan root;
    final long durationNanos;

    TraceView(List<StoredSpan> trace) {
        List<StoredSpan> sorted = new ArrayList<>(trace);
        sorted.sort(BY_START);
        this.spans = List.copyOf(sorted);
        int size = spans.size();
        Map<String, Integer> bySpanId = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            bySpanId.putIfAbsent(spans.get(i).spanId(), i);
        }
        parent = new int[size];
        childCount = new int[size];
        StoredSpan firstRoot = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            StoredSpan span = spans.get(i);
            Integer parentIndex = span.isRoot() ? null : bySpanId.get(span.parentSpanId());
            parent[i] = parentIndex == null || parentIndex == i ? -1 : parentIndex;
            if (parent[i] >= 0) {
                childCount[parent[i]]++;
            }
            if (firstRoot == null && span.isRoot()) {
                firstRoot = span;
            }
            start = Math.min(start, span.startEpochNanos());
            end = Math.max(end, span.endEpochNanos());
        }
        this.root = firstRoot;
        this.durationNanos = size == 0 ? 0 : end - start;
    }

    int size() {
        return spans.size();
    }
}
