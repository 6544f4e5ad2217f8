package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SpanStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Runs TraceQL queries over a {@link SpanStore}. The conditions an index can answer (span name, service, status,
 * kind, attribute equality, duration bounds) find candidate spans through {@link SpanStore#searchSpans}, newest
 * first; each candidate's trace is read with {@link SpanStore#getTrace} and the whole query evaluated on it.
 * A query with no such condition reads every trace of the time window. The time window is a condition on the
 * answered spans (they start in {@code [from, to)}); the whole trace is visible to structure, trace intrinsics
 * and aggregates. The search stops at {@code limit} traces or at its deadline (by default the store's query
 * timeout, {@link SpanStore#startQuery()}), then answers what it found, marked partial. Thread-safe.
 *
 * <pre>{@code
 * TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
 * TraceQlResult result = search.search(TraceQlQuery.parse("{ status = error } | count() > 3"),
 *         Instant.now().minus(Duration.ofHours(1)), null, 20);
 * }</pre>
 */
public final class TraceQlSearch {

    private final SpanStore store;
    private final FailureRules failureRules;

    /**
     * @param store the store to search
     * @param failureRules what counts as a failure in the trace summaries' error counts
     */
    public TraceQlSearch(SpanStore store, FailureRules failureRules) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.failureRules = Objects.requireNonNull(failureRules, "failureRules must not be null");
    }

    /**
     * @param query the query
     * @param from the inclusive start of the window on the answered spans' start, or {@code null}
     * @param to the exclusive end of that window, or {@code null}
     * @param limit the most traces to answer, 1 to {@value SpanQuery#MAX_LIMIT}
     * @return the matched traces in the order their newest candidate span was found (newest first)
     * @throws IllegalArgumentException when the window is empty or the limit out of range
     * @throws TraceQlException when a regular expression runs away on a stored value
     */
    public TraceQlResult search(TraceQlQuery query, Instant from, Instant to, int limit) {
        return search(query, from, to, limit, store.startQuery());
    }

    /**
     * Like {@link #search(TraceQlQuery, Instant, Instant, int)}, within a deadline shared with other searches of
     * the same request.
     *
     * @param query the query
     * @param from the inclusive start of the window on the answered spans' start, or {@code null}
     * @param to the exclusive end of that window, or {@code null}
     * @param limit the most traces to answer, 1 to {@value SpanQuery#MAX_LIMIT}
     * @param deadline from {@link SpanStore#startQuery()}
     * @return the matched traces
     */
    public TraceQlResult search(TraceQlQuery query, Instant from, Instant to, int limit, QueryDeadline deadline) {
        Objects.requireNonNull(query, "query must not be null");
        Objects.requireNonNull(deadline, "deadline must not be null");
        if (limit < 1 || limit > SpanQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + SpanQuery.MAX_LIMIT + ", but was "
                    + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        List<Planner.Alternative> plan = Planner.plan(query.pipeline(), from != null || to != null);
        CandidateTraces candidates = new CandidateTraces(store, plan, from, to, limit, deadline);
        List<MatchedTrace> matched = new ArrayList<>();
        String truncatedReason = null;
        while (matched.size() < limit) {
            if (deadline.passed()) {
                truncatedReason = "the query ran longer than the query timeout (" + deadline.timeout()
                        + ", tracestore.query-timeout); narrow it with a time window or an indexed condition "
                        + "(resource.service.name, name, status, kind, an attribute equality, duration)";
                break;
            }
            String traceId = candidates.next();
            if (traceId == null) {
                truncatedReason = candidates.truncatedReason();
                break;
            }
            MatchedTrace trace = evaluate(query, store.getTrace(traceId), from, to);
            if (trace != null) {
                matched.add(trace);
            }
        }
        return new TraceQlResult(matched, truncatedReason);
    }

    private MatchedTrace evaluate(TraceQlQuery query, List<StoredSpan> spans, Instant from, Instant to) {
        if (spans.isEmpty()) {
            return null;
        }
        TraceView trace = new TraceView(spans);
        long fromNanos = from == null ? Long.MIN_VALUE : toNanos(from);
        long toNanos = to == null ? Long.MAX_VALUE : toNanos(to);
        List<Spanset> spansets = new ArrayList<>();
        for (Group group : query.groups(trace)) {
            BitSet inWindow = new BitSet(trace.size());
            BitSet spansOfGroup = group.spans();
            for (int i = spansOfGroup.nextSetBit(0); i >= 0; i = spansOfGroup.nextSetBit(i + 1)) {
                long start = trace.spans.get(i).startEpochNanos();
                if (start >= fromNanos && start < toNanos) {
                    inWindow.set(i);
                }
            }
            if (!inWindow.isEmpty()) {
                spansets.add(query.spanset(group, trace, inWindow));
            }
        }
        return spansets.isEmpty() ? null : new MatchedTrace(TraceSummaries.of(trace, failureRules), spansets);
    }

    private static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
