package dev.tracestore.core.analysis;

import dev.tracestore.core.store.ScanResult;
import dev.tracestore.core.store.ScannedSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.trace.SpanKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * RED (rate, errors, duration) per operation, counted at query time from the spans the store selects: nothing is
 * kept per span beyond what the store already holds. Feed it spans that match {@link RedQuery#filter()} (a store's
 * {@link SpanStore#scan scan} does; {@link #run} does it for you); it counts those of the query's kinds, per group
 * and per bucket. Definitions are in docs/analysis.md.
 *
 * <p>To bound memory an analysis holds at most {@value #MAX_CELLS} group-and-bucket cells and
 * {@value RedQuery#MAX_BUCKETS} buckets; spans beyond are not counted and the report says it is partial.
 *
 * <pre>{@code
 * RedReport report = RedAnalysis.run(store, RedQuery.builder().build(), Instant.now());
 *
 * RedAnalysis offline = new RedAnalysis(query, now);    // spans from files
 * spans.forEach(span -> offline.accept(ScannedSpan.of(span, FailureRules.DEFAULT)));
 * RedReport fromFiles = offline.report(null);
 * }</pre>
 */
public final class RedAnalysis implements Consumer<ScannedSpan> {

    /** The most cells (one per group, plus one per group and bucket) one analysis holds. */
    public static final int MAX_CELLS = 20_000;

    private final RedQuery query;
    private final GroupValues groupValues;
    /** The group of the span being counted, read in place: no allocation per span. */
    private final GroupValues.Group probe;
    private final boolean[] countedKinds = new boolean[SpanKind.values().length];
    private final AnalysisWindow window;
    private final long bucketNanos;
    private final Map<GroupValues.Group, GroupCells> groups = new HashMap<>();
    private final Set<Long> bucketStarts = new HashSet<>();
    private int cells;
    private long spans;
    private String truncatedReason;

    /**
     * @param query what to count and how to group it
     * @param now the moment a look-back counts back from
     */
    public RedAnalysis(RedQuery query, Instant now) {
        this.query = query;
        this.groupValues = new GroupValues(query.groupBy());
        this.probe = groupValues.probe();
        for (SpanKind kind : SpanKind.values()) {
            countedKinds[kind.ordinal()] = query.counts(kind);
        }
        this.window = new AnalysisWindow(query.filter(), now);
        this.bucketNanos = query.bucket() == null ? 0 : query.bucket().toNanos();
    }

    /**
     * Counts the spans the store selects for the query.
     *
     * @param store the store
     * @param query what to count and how to group it
     * @param now the moment a look-back counts back from (the store's clock)
     * @return the report; partial when the store's query budget ran out or the cells did
     */
    public static RedReport run(SpanStore store, RedQuery query, Instant now) {
        RedAnalysis analysis = new RedAnalysis(query, now);
        ScanResult scanned = store.scan(query.scanQuery(), store.startQuery(), analysis);
        return analysis.report(scanned.truncatedReason());
    }

    /**
     * Counts one span that matches the query's filter, if it is of a counted kind.
     *
     * @param span the span, valid during the call only
     */
    @Override
    public void accept(ScannedSpan span) {
        if (!countedKinds[span.kind().ordinal()]) {
            return;
        }
        groupValues.read(span, probe);
        GroupCells cellsOfGroup = groups.get(probe);
        if (cellsOfGroup == null) {
            if (!roomFor(1, "groups")) {
                return;
            }
            cellsOfGroup = new GroupCells();
            groups.put(probe.copy(), cellsOfGroup);
        }
        long start = span.startEpochNanos();
        long duration = span.durationNanos();
        boolean failed = span.failed();
        if (bucketNanos > 0) {
            long bucketStart = Math.floorDiv(start, bucketNanos) * bucketNanos;
            LatencyCell cell = cellsOfGroup.buckets.get(bucketStart);
            if (cell == null) {
                if (!roomForBucket(bucketStart) || !roomFor(1, "buckets of groups")) {
                    return;
                }
                cell = new LatencyCell();
                cellsOfGroup.buckets.put(bucketStart, cell);
            }
            cell.record(duration, failed);
        }
        cellsOfGroup.total.record(duration, failed);
        window.saw(start, duration);
        spans++;
    }

    private boolean roomForBucket(long bucketStart) {
        if (bucketStarts.size() < RedQuery.MAX_BUCKETS || bucketStarts.contains(bucketStart)) {
            bucketStarts.add(bucketStart);
            return true;
        }
        stop("the window holds more than " + RedQuery.MAX_BUCKETS + " buckets; use a wider bucket or a shorter window");
        return false;
    }

    private boolean roomFor(int more, String what) {
        if (cells + more <= MAX_CELLS) {
            cells += more;
            return true;
        }
        stop("more than " + MAX_CELLS + " " + what + " to count; group by fewer or coarser keys, use a wider bucket "
                + "or narrow the filters");
        return false;
    }

    private void stop(String reason) {
        if (truncatedReason == null) {
            truncatedReason = reason;
        }
    }

    /**
     * @param scanTruncatedReason why the spans fed in are incomplete, or {@code null}
     * @return the figures of every group, busiest first
     */
    public RedReport report(String scanTruncatedReason) {
        List<Map.Entry<GroupValues.Group, GroupCells>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<GroupValues.Group, GroupCells> entry) ->
                entry.getValue().total.count()).reversed()
                .thenComparing(entry -> entry.getKey(), GroupValues.Group.ORDER));
        double windowSeconds = window.secondsWithin(window.from(), window.to());
        List<OperationRed> operations = new ArrayList<>(entries.size());
        for (Map.Entry<GroupValues.Group, GroupCells> entry : entries) {
            List<RedBucket> buckets = new ArrayList<>(entry.getValue().buckets.size());
            entry.getValue().buckets.forEach((start, cell) -> buckets.add(new RedBucket(AnalysisWindow.instant(start),
                    cell.figures(window.secondsWithin(start, start + bucketNanos)))));
            operations.add(new OperationRed(entry.getKey().values(), entry.getValue().total.figures(windowSeconds),
                    buckets));
        }
        String reason = scanTruncatedReason != null ? scanTruncatedReason : truncatedReason;
        return new RedReport(AnalysisWindow.instant(window.from()), AnalysisWindow.instant(window.to()),
                query.bucket(), query.groupBy(), operations, spans, reason);
    }

    /** A group's cell over the whole window and its cells per bucket start. */
    private static final class GroupCells {
        final LatencyCell total = new LatencyCell();
        final TreeMap<Long, LatencyCell> buckets = new TreeMap<>();
    }
}
