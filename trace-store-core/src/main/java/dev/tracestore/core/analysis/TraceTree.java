package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent/child structure of one trace, by index into its spans. A span is a <em>top</em> span when it has no
 * parent or its parent is not in the trace (an orphan). A span ID seen twice keeps its first span.
 */
final class TraceTree {

    private static final int[] NONE = new int[0];

    private final List<StoredSpan> spans;
    private final int[] parents;
    private final int[][] children;
    private final int[] tops;

    private TraceTree(List<StoredSpan> spans, int[] parents, int[][] children, int[] tops) {
        this.spans = spans;
        this.parents = parents;
        this.children = children;
        this.tops = tops;
    }

    /**
     * @param trace the spans of one trace, in any order
     * @return the tree
     * @throws IllegalArgumentException when the spans belong to more than one trace
     */
    static TraceTree of(List<StoredSpan> trace) {
        Map<String, Integer> indexById = new HashMap<>(trace.size() * 2);
        List<StoredSpan> spans = new ArrayList<>(trace.size());
        for (StoredSpan span : trace) {
            if (!span.traceId().equals(trace.get(0).traceId())) {
                throw new IllegalArgumentException("spans of more than one trace: " + trace.get(0).traceId()
                        + " and " + span.traceId());
            }
            if (indexById.putIfAbsent(span.spanId(), spans.size()) == null) {
                spans.add(span);
            }
        }
        int n = spans.size();
        int[] parents = new int[n];
        int[] childCounts = new int[n];
        int topCount = 0;
        for (int i = 0; i < n; i++) {
            Integer parent = spans.get(i).isRoot() ? null : indexById.get(spans.get(i).parentSpanId());
            parents[i] = parent == null ? -1 : parent;
            if (parent == null) {
                topCount++;
            } else {
                childCounts[parent]++;
            }
        }
        int[][] children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = childCounts[i] == 0 ? NONE : new int[childCounts[i]];
            childCounts[i] = 0;
        }
        int[] tops = new int[topCount];
        topCount = 0;
        for (int i = 0; i < n; i++) {
            if (parents[i] < 0) {
                tops[topCount++] = i;
            } else {
                children[parents[i]][childCounts[parents[i]]++] = i;
            }
        }
        return new TraceTree(List.copyOf(spans), parents, children, tops);
    }

    int size() {
        return spans.size();
    }

    StoredSpan span(int index) {
        return spans.get(index);
    }

    /** @return the parent's index, or -1 for a top span */
    int parent(int index) {
        return parents[index];
    }

    /** @return the children's indexes in the trace's order; do not modify */
    int[] children(int index) {
        return children[index];
    }

    /** @return the indexes of the spans whose parent is absent (roots and orphans); do not modify */
    int[] tops() {
        return tops;
    }
}
