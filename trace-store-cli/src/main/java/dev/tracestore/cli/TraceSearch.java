package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SearchResult;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds trace summaries in the span files without holding every span. A trace matches when one of its spans
 * matches, but its summary needs all of its spans, which may come before or after the match and in other
 * files. So it reads the files three times:
 * <ol>
 *   <li>the traces with a matching span (the core's {@link SpanPredicate});</li>
 *   <li>the start, end and span count of each of those traces, which is all that the trace-duration bounds
 *       and the order need to pick the {@code limit} traces to show;</li>
 *   <li>the spans of just those traces, into an {@link InMemorySpanStore} that then answers the query, so
 *       the summaries are the core's own.</li>
 * </ol>
 * Memory grows with the number of matching traces (a few dozen bytes each) and the spans of the traces shown.
 */
final class TraceSearch {

    private final SpanFiles files;
    private final Clock clock;

    TraceSearch(SpanFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    /**
     * @param query span conditions, trace-duration bounds, order and limit (counting traces)
     * @return the summaries the query selects from all files
     */
    Found<TraceSummary> traces(SpanQuery query) {
        SpanPredicate matches = SpanPredicate.of(query, clock.instant());
        TraceIdTable matched = new TraceIdTable();
        ReadResult read = files.read("pass 1 of 3", span -> {
            if (matches.test(span)) {
                matched.add(span.traceId());
            }
        });
        if (matched.size() == 0) {
            return new Found<>(List.of(), read);
        }

        long[] start = new long[matched.size()];
        long[] end = new long[matched.size()];
        int[] spanCount = new int[matched.size()];
        Arrays.fill(start, Long.MAX_VALUE);
        Arrays.fill(end, Long.MIN_VALUE);
        files.read("pass 2 of 3", span -> {
            int trace = matched.indexOf(span.traceId());
            if (trace >= 0) {
                start[trace] = Math.min(start[trace], span.startEpochNanos());
                end[trace] = Math.max(end[trace], span.endEpochNanos());
                spanCount[trace]++;
            }
        });

        BitSet shown = select(query, matched, start, end);
        if (shown.isEmpty()) {
            return new Found<>(List.of(), read);
        }
        int spans = shown.stream().map(trace -> spanCount[trace]).sum();
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(spans).clock(clock).build();
        // Spans appended after pass 2 (the app may still be writing) are left out, so the store never evicts.
        int[] room = spanCount.clone();
        read = files.read("pass 3 of 3", span -> {
            int trace = matched.indexOf(span.traceId());
            if (trace >= 0 && shown.get(trace) && room[trace]-- > 0) {
                store.add(span);
            }
        });
        SearchResult<TraceSummary> found = store.searchTraces(query);
        return new Found<>(found.items(), read, found.truncatedReason());
    }

    /** Picks the traces the store will rank: within the trace-duration bounds, best {@code limit} by the order. */
    private static BitSet select(SpanQuery query, TraceIdTable traces, long[] start, long[] end) {
        long minDuration = query.minTraceDuration().map(Duration::toNanos).orElse(0L);
        long maxDuration = query.maxTraceDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        // The store's trace order, best first, ties by trace ID; the queue reverses it so its head is the one to drop.
        Comparator<Integer> order = switch (query.order()) {
            case NEWEST_FIRST -> Comparator.comparingLong((Integer trace) -> start[trace]).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong((Integer trace) -> start[trace]);
            case LONGEST_FIRST -> Comparator.comparingLong((Integer trace) -> end[trace] - start[trace]).reversed();
        };
        order = order.thenComparing(traces::compare);
        PriorityQueue<Integer> best = new PriorityQueue<>(query.limit() + 1, order.reversed());
        for (int trace = 0; trace < traces.size(); trace++) {
            long duration = end[trace] - start[trace];
            if (start[trace] != Long.MAX_VALUE && duration >= minDuration && duration <= maxDuration) {
                best.offer(trace);
                if (best.size() > query.limit()) {
                    best.poll();
                }
            }
        }
        BitSet shown = new BitSet(traces.size());
        best.forEach(shown::set);
        return shown;
    }
}
