package dev.tracestore.core.traceql;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.store.TraceSpans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Runs TraceQL queries over a {@link SpanStore}. The conditions an index can answer (span name, service, status,
 * kind, attribute equality, duration bounds) find candidate spans through {@link SpanStore#searchSpanStarts},
 * newest first; each candidate's trace is read with {@link SpanStore#readTrace} and the whole query evaluated on
 * its packed spans; only the matched spans of a trace that enters the answer so far are unpacked.
 * A query with no such condition reads every trace of the time window. The time window is a condition on the
 * answered spans (they start in {@code [from, to)}); the whole trace is visible to structure, trace intrinsics
 * and aggregates. The answer is the {@code limit} matched traces that start latest (a trace's start is its
 * earliest stored span's), ties by trace ID, as a trace search's {@code newest}: as candidates come latest span first
 * and a trace starts no later than its spans, the search stops once no trace still to come can start later than the
 * last it keeps, or at its deadline (by default the store's query timeout, {@link SpanStore#startQuery()}); then it
 * answers what it found, marked partial. Thread-safe.
 *
 * <pre>{@code
 * TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
 * TraceQlResult lastHour = search.search(TraceQlQuery.parse("{ status = error } | count() > 3"),
 *         Duration.ofHours(1), 20, store.startQuery());
 * }</pre>
 */
public final class TraceQlSearch {

    /** Latest trace start first, ties by trace ID: the order of a trace search's default {@code newest}. */
    private static final Comparator<TraceSummary> TRACE_ORDER = Comparator
            .comparingLong(TraceSummary::startEpochNanos).reversed().thenComparing(TraceSummary::traceId);

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
     * @return the matched traces, the latest trace start first (ties by trace ID), as a trace search orders them
     * @throws IllegalArgumentException when the window is empty or the limit out of range
     * @throws TraceQlException when a regular expression runs away on a stored value
     */
    public TraceQlResult search(TraceQlQuery query, Instant from, Instant to, int limit) {
        return search(query, from, to, limit, store.startQuery());
    }

    /**
     * Like {@link #search(TraceQlQuery, Instant, Instant, int)} over the answered spans that start in
     * {@code [now - lookback, now]} (both ends inclusive, as the {@code lookback} of a parameter search), {@code now}
     * being the store's clock ({@link SpanStore#now()}).
     *
     * @param query the query
     * @param lookback how far back from the store's clock, positive
     * @param limit the most traces to answer, 1 to {@value SpanQuery#MAX_LIMIT}
     * @param deadline from {@link SpanStore#startQuery()}
     * @return the matched traces
     */
    public TraceQlResult search(TraceQlQuery query, Duration lookback, int limit, QueryDeadline deadline) {
        Objects.requireNonNull(lookback, "lookback must not be null");
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, but was " + lookback);
        }
        Instant now = store.now();
        return search(query, now.minus(lookback), now.plusNanos(1), limit, deadline);
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
        // the worst of the best at the head: latest start first, ties by trace ID
        Comparator<MatchedTrace> order = Comparator.comparing(MatchedTrace::summary, TRACE_ORDER);
        PriorityQueue<MatchedTrace> best = new PriorityQueue<>(limit + 1, order.reversed());
        String truncatedReason = null;
        while (true) {
            if (deadline.passed()) {
                truncatedReason = "the query ran longer than the query timeout (" + deadline.timeout()
                        + ", tracestore.query-timeout); narrow it with a time window or an indexed condition "
                        + "(resource.service.name, name, status, kind, an attribute equality, duration)";
                break;
            }
            CandidateTraces.Candidate candidate = candidates.next();
            if (candidate == null) {
                truncatedReason = candidates.truncatedReason();
                break;
            }
            // candidates come latest span first and a trace starts no later than its spans: once the worst kept
            // trace starts after this candidate span, no trace still to come can take its place
            if (best.size() == limit && best.peek().summary().startEpochNanos() > candidate.spanStart()) {
                break;
            }
            MatchedTrace trace = store.readTrace(candidate.traceId(), spans -> evaluate(query, spans, from, to, best,
                    limit));
            if (trace != null) {
                best.offer(trace);
                if (best.size() > limit) {
                    best.poll();
                }
            }
        }
        List<MatchedTrace> matched = new ArrayList<>(best);
        matched.sort(order);
        return new TraceQlResult(matched, truncatedReason);
    }

    /**
     * Evaluates the query on one trace, maybe under the store's read lock: the trace is read packed, and only the
     * spans of a matched trace that enters the best so far are unpacked.
     *
     * @return the matched trace, or {@code null} when it does not match or cannot enter the best {@code limit}
     */
    private MatchedTrace evaluate(TraceQlQuery query, TraceSpans spans, Instant from, Instant to,
            PriorityQueue<MatchedTrace> best, int limit) {
        TraceView trace = new TraceView(spans);
        long fromNanos = from == null ? Long.MIN_VALUE : toNanos(from);
        long toNanos = to == null ? Long.MAX_VALUE : toNanos(to);
        List<Group> groups = new ArrayList<>();
        List<BitSet> windows = new ArrayList<>();
        for (Group group : query.groups(trace)) {
            BitSet inWindow = new BitSet(trace.size());
            BitSet spansOfGroup = group.spans();
            for (int i = spansOfGroup.nextSetBit(0); i >= 0; i = spansOfGroup.nextSetBit(i + 1)) {
                long start = spans.startEpochNanos(trace.index(i));
                if (start >= fromNanos && start < toNanos) {
                    inWindow.set(i);
                }
            }
            if (!inWindow.isEmpty()) {
                groups.add(group);
                windows.add(inWindow);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        TraceSummary summary = TraceSummaries.of(trace, failureRules);
        if (best.size() == limit && TRACE_ORDER.compare(summary, best.peek().summary()) >= 0) {
            return null;
        }
        List<Spanset> spansets = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            spansets.add(query.spanset(groups.get(g), trace, windows.get(g)));
        }
        return new MatchedTrace(summary, spansets);
    }

    private static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
