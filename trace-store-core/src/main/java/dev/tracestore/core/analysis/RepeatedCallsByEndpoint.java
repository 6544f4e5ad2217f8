package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SearchResult;
import dev.tracestore.core.store.SpanStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which endpoints show repeated calls (N+1) most often. The traces are those the store's trace search answers for
 * the query (its conditions, order and limit, under the store's query budget); each is read whole and given to a
 * {@link RepeatedCallDetector}. Traces are grouped by their root operation (root span service and name, as trace
 * search reports them). An endpoint is listed when at least one of its traces has a run; endpoints are ordered by
 * the number of traces with runs, then the share of such traces, then the calls' total duration.
 *
 * <p>The search and the reading of the traces share one deadline: once it has passed, no further trace is read
 * and the report says so, like a search that ran out of its budget.
 *
 * <pre>{@code
 * SpanQuery lastHour = SpanQuery.builder().lookback(Duration.ofHours(1)).limit(500).build();
 * RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store, lastHour,
 *         RepeatedCallDetector.withDefaults(), store.startQuery());
 * }</pre>
 */
public final class RepeatedCallsByEndpoint {

    private RepeatedCallsByEndpoint() {
    }

    /**
     * @param store the store to search and read
     * @param traces selects the traces to examine (its limit counts traces)
     * @param detector what a repeated call is
     * @param deadline when the search, the reading and the analysis must stop (see {@link SpanStore#startQuery()})
     * @return the endpoints with repeats
     */
    public static RepeatedCallsReport analyse(SpanStore store, SpanQuery traces, RepeatedCallDetector detector,
            QueryDeadline deadline) {
        SearchResult<TraceSummary> found = store.searchTraces(traces, deadline);
        Map<List<String>, Tally> byEndpoint = new LinkedHashMap<>();
        int examined = 0;
        String truncated = found.truncatedReason();
        for (TraceSummary summary : found.items()) {
            if (deadline.passed()) {
                truncated = "analysed " + examined + " of " + found.items().size() + " traces within the query "
                        + "timeout (" + deadline.timeout() + ", tracestore.query-timeout); narrow the query with a "
                        + "time window, a service or a lower limit";
                break;
            }
            List<StoredSpan> trace = store.getTrace(summary.traceId());
            if (trace.isEmpty()) {
                continue;
            }
            examined++;
            byEndpoint.computeIfAbsent(List.of(summary.rootService(), summary.rootName()), key -> new Tally())
                    .add(summary.traceId(), detector.find(trace));
        }
        List<EndpointRepeats> endpoints = new ArrayList<>();
        byEndpoint.forEach((key, tally) -> {
            if (tally.tracesWithRepeats > 0) {
                endpoints.add(tally.toRepeats(key.get(0), key.get(1)));
            }
        });
        endpoints.sort(Comparator.comparingInt(EndpointRepeats::tracesWithRepeats).reversed()
                .thenComparing(Comparator.comparingDouble(
                        (EndpointRepeats e) -> (double) e.tracesWithRepeats() / e.tracesExamined()).reversed())
                .thenComparing(Comparator.comparingLong(EndpointRepeats::totalDurationNanos).reversed())
                .thenComparing(EndpointRepeats::service)
                .thenComparing(EndpointRepeats::endpoint));
        return new RepeatedCallsReport(endpoints, examined, truncated);
    }

    private static final class Tally {
        private int traces;
        private int tracesWithRepeats;
        private int runs;
        private long calls;
        private long totalNanos;
        private long exampleNanos = -1;
        private String exampleTraceId;
        private final Map<String, long[]> tracesAndCallsByOperation = new HashMap<>();

        void add(String traceId, List<RepeatedCall> repeats) {
            traces++;
            if (repeats.isEmpty()) {
                return;
            }
            tracesWithRepeats++;
            long traceNanos = 0;
            Map<String, Long> callsInTrace = new HashMap<>();
            for (RepeatedCall repeat : repeats) {
                runs++;
                calls += repeat.count();
                traceNanos += repeat.totalDurationNanos();
                callsInTrace.merge(repeat.operation(), (long) repeat.count(), Long::sum);
            }
            totalNanos += traceNanos;
            callsInTrace.forEach((operation, count) -> {
                long[] sums = tracesAndCallsByOperation.computeIfAbsent(operation, o -> new long[2]);
                sums[0]++;
                sums[1] += count;
            });
            if (traceNanos > exampleNanos) {
                exampleNanos = traceNanos;
                exampleTraceId = traceId;
            }
        }

        EndpointRepeats toRepeats(String service, String endpoint) {
            String top = tracesAndCallsByOperation.entrySet().stream()
                    .min(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparingLong(e -> -e.getValue()[1])
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse("");
            return new EndpointRepeats(service, endpoint, traces, tracesWithRepeats, runs, calls, totalNanos, top,
                    exampleTraceId);
        }
    }
}
