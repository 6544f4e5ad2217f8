package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The critical path of one trace: the chain of work the trace's end waited on, after Jaeger's critical path
 * (jaeger-ui {@code TracePage/CriticalPath}).
 *
 * <p>Definition.
 * <ol>
 * <li><b>Non-blocking children are removed</b> with their subtrees: a {@code CONSUMER} child (its parent, usually
 * a {@code PRODUCER} span, handed a message over and did not wait for it).</li>
 * <li><b>Children are fitted into their parent</b>, top-down, each against its parent's fitted interval
 * {@code [ps, pe)}: a child starting at or after {@code pe}, or starting before {@code ps} and ending at or before
 * {@code ps}, is dropped with its subtree; otherwise its interval is clipped to {@code [ps, pe]}.</li>
 * <li><b>Walk back from the end.</b> Starting at a span S with a cursor at its fitted end, repeatedly pick the
 * child (not picked before) that ends last at or before the cursor; S is on the path from that child's end to
 * the cursor; the child's own path is computed the same way from its end; the cursor then moves to the child's
 * start. With no such child left, S is on the path from its start to the cursor. Ties between children ending
 * together go to the one that started first (it covers more), then the smaller span ID.</li>
 * <li><b>Roots and orphans.</b> The spans with no parent in the trace (the root, and orphans whose parent is not
 * stored) are treated as children of a virtual span covering the whole trace, so a trace with several top spans
 * has one path without overlaps; the virtual span's own stretches (gaps where no top span runs) are left out.
 * Spans not reachable from a top span (a parent cycle in malformed data) are ignored.</li>
 * </ol>
 * Unlike Jaeger, a child that ends exactly when the previously picked child starts is still picked (Jaeger asks
 * for a strictly earlier end), so back-to-back sequential calls all appear on the path. The segments do not
 * overlap; for a trace with one top span their durations add up to that span's duration. Adjacent stretches of the
 * same span are merged.
 *
 * <pre>{@code
 * List<CriticalPathSegment> path = CriticalPath.of(store.getTrace("4bf92f3577b34da6a3ce929d0e0e4736"));
 * long onPath = path.stream().mapToLong(CriticalPathSegment::durationNanos).sum();
 * }</pre>
 */
public final class CriticalPath {

    private CriticalPath() {
    }

    /**
     * @param trace the spans of one trace, in any order
     * @return the segments in time order, empty for an empty trace
     * @throws IllegalArgumentException when the spans belong to more than one trace
     */
    public static List<CriticalPathSegment> of(List<StoredSpan> trace) {
        if (trace.isEmpty()) {
            return List.of();
        }
        TraceTree tree = TraceTree.of(trace);
        int virtualRoot = tree.size();
        long[] starts = new long[virtualRoot + 1];
        long[] ends = new long[virtualRoot + 1];
        boolean[] kept = fit(tree, starts, ends);
        List<CriticalPathSegment> reversed = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(virtualRoot, ends[virtualRoot], childrenByEnd(tree, tree.tops(), kept, starts, ends)));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            int child = frame.nextChildEndingBy(ends);
            if (child >= 0) {
                emit(tree, frame.span, ends[child], frame.cursor, reversed);
                frame.cursor = starts[child];
                stack.push(new Frame(child, ends[child],
                        childrenByEnd(tree, tree.children(child), kept, starts, ends)));
            } else {
                emit(tree, frame.span, starts[frame.span], frame.cursor, reversed);
                stack.pop();
            }
        }
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** Fills the fitted intervals (rules 1, 2 and the virtual root of rule 4); returns which spans remain. */
    private static boolean[] fit(TraceTree tree, long[] starts, long[] ends) {
        int virtualRoot = tree.size();
        boolean[] kept = new boolean[virtualRoot];
        starts[virtualRoot] = Long.MAX_VALUE;
        ends[virtualRoot] = Long.MIN_VALUE;
        Deque<Integer> pending = new ArrayDeque<>();
        for (int top : tree.tops()) {
            kept[top] = true;
            starts[top] = tree.span(top).startEpochNanos();
            ends[top] = tree.span(top).endEpochNanos();
            starts[virtualRoot] = Math.min(starts[virtualRoot], starts[top]);
            ends[virtualRoot] = Math.max(ends[virtualRoot], ends[top]);
            pending.push(top);
        }
        while (!pending.isEmpty()) {
            int parent = pending.pop();
            for (int child : tree.children(parent)) {
                StoredSpan span = tree.span(child);
                long start = span.startEpochNanos();
                long end = span.endEpochNanos();
                boolean outside = start >= ends[parent] || (start < starts[parent] && end <= starts[parent]);
                if (span.kind() == SpanKind.CONSUMER || outside) {
                    continue;
                }
                kept[child] = true;
                starts[child] = Math.max(start, starts[parent]);
                ends[child] = Math.min(end, ends[parent]);
                pending.push(child);
            }
        }
        return kept;
    }

    private static int[] childrenByEnd(TraceTree tree, int[] children, boolean[] kept, long[] starts, long[] ends) {
        Integer[] sorted = Arrays.stream(children).filter(child -> kept[child]).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, Comparator.<Integer>comparingLong(child -> -ends[child])
                .thenComparingLong(child -> starts[child])
                .thenComparing(child -> tree.span(child).spanId()));
        return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    private static void emit(TraceTree tree, int span, long start, long end, List<CriticalPathSegment> reversed) {
        if (span == tree.size() || start >= end) {
            return;
        }
        String spanId = tree.span(span).spanId();
        int last = reversed.size() - 1;
        if (last >= 0 && reversed.get(last).spanId().equals(spanId) && reversed.get(last).startEpochNanos() == end) {
            reversed.set(last, new CriticalPathSegment(spanId, start, reversed.get(last).endEpochNanos()));
        } else {
            reversed.add(new CriticalPathSegment(spanId, start, end));
        }
    }

    /** A span being walked back: the cursor and the next child to consider, by descending fitted end. */
    private static final class Frame {
        private final int span;
        private final int[] childrenByEnd;
        private long cursor;
        private int next;

        Frame(int span, long cursor, int[] childrenByEnd) {
            this.span = span;
            this.cursor = cursor;
            this.childrenByEnd = childrenByEnd;
        }

        /** The cursor only moves back, so a child skipped for ending after it is never eligible again. */
        int nextChildEndingBy(long[] ends) {
            while (next < childrenByEnd.length && ends[childrenByEnd[next]] > cursor) {
                next++;
            }
            return next < childrenByEnd.length ? childrenByEnd[next++] : -1;
        }
    }
}
