package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-operation statistics of one trace, as Jaeger's "Trace Statistics" view shows them: for each (service, span
 * name), the count and the total, average, minimum and maximum of the duration and of the self time.
 *
 * <p>Definition. The <em>self time</em> of a span S is {@code duration(S) - |U|} where U is the union of the
 * intervals {@code [max(start(C), start(S)), min(end(C), end(S)))} over the direct children C of S present in the
 * trace (empty intervals ignored). Time where several children overlap counts once; the part of a child outside its
 * parent is not subtracted; a span whose parent is not in the trace (an orphan) is counted like any other span.
 * Every span of the trace is counted once (a span ID seen twice keeps its first span).
 *
 * <p>The rows are ordered by total self time, largest first, then by service and operation.
 *
 * <pre>{@code
 * List<OperationStatistics> rows = TraceStatistics.of(store.getTrace("4bf92f3577b34da6a3ce929d0e0e4736"));
 * OperationStatistics heaviest = rows.get(0); // where the trace spent its own time
 * }</pre>
 */
public final class TraceStatistics {

    private TraceStatistics() {
    }

    /**
     * @param trace the spans of one trace, in any order
     * @return one row per (service, span name), empty for an empty trace
     * @throws IllegalArgumentException when the spans belong to more than one trace
     */
    public static List<OperationStatistics> of(List<StoredSpan> trace) {
        if (trace.isEmpty()) {
            return List.of();
        }
        TraceTree tree = TraceTree.of(trace);
        long[] self = SelfTimes.of(tree);
        Map<List<String>, Accumulator> byOperation = new HashMap<>();
        for (int i = 0; i < tree.size(); i++) {
            StoredSpan span = tree.span(i);
            byOperation.computeIfAbsent(List.of(span.serviceName(), span.name()), key -> new Accumulator())
                    .add(span.durationNanos(), self[i]);
        }
        List<OperationStatistics> rows = new ArrayList<>(byOperation.size());
        byOperation.forEach((key, sums) -> rows.add(sums.toStatistics(key.get(0), key.get(1))));
        rows.sort(Comparator.comparingLong(OperationStatistics::totalSelfNanos).reversed()
                .thenComparing(OperationStatistics::service)
                .thenComparing(OperationStatistics::operation));
        return List.copyOf(rows);
    }

    private static final class Accumulator {
        private int count;
        private long totalDuration;
        private long minDuration = Long.MAX_VALUE;
        private long maxDuration = Long.MIN_VALUE;
        private long totalSelf;
        private long minSelf = Long.MAX_VALUE;
        private long maxSelf = Long.MIN_VALUE;

        void add(long duration, long self) {
            count++;
            totalDuration += duration;
            minDuration = Math.min(minDuration, duration);
            maxDuration = Math.max(maxDuration, duration);
            totalSelf += self;
            minSelf = Math.min(minSelf, self);
            maxSelf = Math.max(maxSelf, self);
        }

        OperationStatistics toStatistics(String service, String operation) {
            return new OperationStatistics(service, operation, count,
                    totalDuration, (double) totalDuration / count, minDuration, maxDuration,
                    totalSelf, (double) totalSelf / count, minSelf, maxSelf);
        }
    }
}
