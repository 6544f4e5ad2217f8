package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds repeated calls (N+1 patterns) in one trace, after Sentry's "N+1 Query" and Digma's "Repeated queries"
 * detectors.
 *
 * <p>Definition.
 * <ol>
 * <li>A span is a <em>call</em> when it has a database statement ({@code db.query.text}, else
 * {@code db.statement}): its operation is the statement normalized (literals and parameters become {@code ?},
 * lists of them collapse, comments and extra spaces go; see the docs); or when it is a {@code CLIENT} span: its
 * operation is its name, followed by its route template ({@code url.template}, else Micrometer's {@code uri})
 * when the name does not contain it.</li>
 * <li>Calls are grouped by parent span ID (the parent need not be stored; top spans without a parent are not
 * grouped), service, kind and operation.</li>
 * <li>Each group is ordered by start time (then span ID) and cut into <em>runs</em>: a run ends before a call
 * that starts before the previous call of the group ended (overlapping calls ran in parallel and are not N+1).
 * Other spans between the calls do not end a run ("for each item: load its customer, then its lines" is two
 * interleaved runs).</li>
 * <li>A run is reported when it has at least {@code minCount} calls and their durations add up to at least
 * {@code minTotalDuration}.</li>
 * </ol>
 * The defaults are 5 calls (Sentry's and Digma's) and no minimum duration: in development the database is local
 * and fast, so the count is what predicts the cost in production, where Sentry's 100 ms rule would apply.
 * Results are ordered by total duration, largest first, then count, then operation.
 *
 * <pre>{@code
 * RepeatedCallDetector detector = new RepeatedCallDetector(5, Duration.ofMillis(1));
 * List<RepeatedCall> repeats = detector.find(store.getTrace("4bf92f3577b34da6a3ce929d0e0e4736"));
 * }</pre>
 */
public final class RepeatedCallDetector {

    /** The fewest calls a run needs by default. */
    public static final int DEFAULT_MIN_COUNT = 5;

    private final int minCount;
    private final long minTotalNanos;

    /**
     * @param minCount the fewest calls a run needs, at least 2
     * @param minTotalDuration the least total duration of a run's calls, not negative
     */
    public RepeatedCallDetector(int minCount, Duration minTotalDuration) {
        if (minCount < 2) {
            throw new IllegalArgumentException("minCount must be at least 2, but was " + minCount);
        }
        Objects.requireNonNull(minTotalDuration, "minTotalDuration");
        if (minTotalDuration.isNegative()) {
            throw new IllegalArgumentException("minTotalDuration must not be negative, but was " + minTotalDuration);
        }
        this.minCount = minCount;
        this.minTotalNanos = minTotalDuration.toNanos();
    }

    /** @return a detector with at least {@value #DEFAULT_MIN_COUNT} calls and no minimum duration */
    public static RepeatedCallDetector withDefaults() {
        return new RepeatedCallDetector(DEFAULT_MIN_COUNT, Duration.ZERO);
    }

    /**
     * @param trace the spans of one trace, in any order
     * @return the runs found, empty when there are none
     * @throws IllegalArgumentException when the spans belong to more than one trace
     */
    public List<RepeatedCall> find(List<StoredSpan> trace) {
        if (trace.size() < minCount) {
            return List.of();
        }
        TraceTree tree = TraceTree.of(trace);
        StatementCache statements = new StatementCache();
        Map<Group, List<StoredSpan>> groups = new HashMap<>();
        for (int i = 0; i < tree.size(); i++) {
            StoredSpan span = tree.span(i);
            CallKey key = span.isRoot() ? null : CallKey.of(span, statements);
            if (key != null) {
                Group group = new Group(span.parentSpanId(), tree.parent(i), span.serviceName(), key);
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(span);
            }
        }
        List<RepeatedCall> found = new ArrayList<>();
        groups.forEach((group, calls) -> {
            if (calls.size() >= minCount) {
                calls.sort(Comparator.comparingLong(StoredSpan::startEpochNanos).thenComparing(StoredSpan::spanId));
                addRuns(tree, group, calls, found);
            }
        });
        found.sort(Comparator.comparingLong(RepeatedCall::totalDurationNanos).reversed()
                .thenComparing(Comparator.comparingInt(RepeatedCall::count).reversed())
                .thenComparing(RepeatedCall::operation)
                .thenComparingLong(RepeatedCall::startEpochNanos));
        return List.copyOf(found);
    }

    private void addRuns(TraceTree tree, Group group, List<StoredSpan> calls, List<RepeatedCall> found) {
        int runStart = 0;
        for (int i = 1; i <= calls.size(); i++) {
            if (i == calls.size() || calls.get(i).startEpochNanos() < calls.get(i - 1).endEpochNanos()) {
                addIfRepeated(tree, group, calls.subList(runStart, i), found);
                runStart = i;
            }
        }
    }

    private void addIfRepeated(TraceTree tree, Group group, List<StoredSpan> run, List<RepeatedCall> found) {
        if (run.size() < minCount) {
            return;
        }
        long total = 0;
        List<String> spanIds = new ArrayList<>(run.size());
        for (StoredSpan span : run) {
            total += span.durationNanos();
            spanIds.add(span.spanId());
        }
        if (total < minTotalNanos) {
            return;
        }
        String parentName = group.parentIndex < 0 ? "" : tree.span(group.parentIndex).name();
        found.add(new RepeatedCall(run.get(0).traceId(), group.parentSpanId, parentName, group.service,
                group.key.kind(), group.key.operation(), run.size(), total, run.get(0).startEpochNanos(),
                run.get(run.size() - 1).endEpochNanos(), spanIds));
    }

    private record Group(String parentSpanId, int parentIndex, String service, CallKey key) {
    }
}
