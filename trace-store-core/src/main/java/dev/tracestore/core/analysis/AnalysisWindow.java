package dev.tracestore.core.analysis;

import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;

import java.time.Instant;

/**
 * The stretch of time an analysis covers: the query's {@code from} and {@code to} (a look-back ends now); a side the
 * query leaves open is closed by the spans seen: the earliest start, the latest end.
 */
final class AnalysisWindow {

    private final long fromNanos;
    private final long toNanos;
    private long earliestStart = Long.MAX_VALUE;
    private long latestEnd = Long.MIN_VALUE;

    AnalysisWindow(SpanQuery query, Instant now) {
        SpanPredicate bounds = SpanPredicate.of(query, now);
        fromNanos = bounds.fromNanos();
        toNanos = bounds.toNanosExclusive();
    }

    void saw(long startNanos, long durationNanos) {
        earliestStart = Math.min(earliestStart, startNanos);
        latestEnd = Math.max(latestEnd, startNanos + durationNanos);
    }

    /** @return the start in epoch nanoseconds, or {@link Long#MIN_VALUE} when open and no span was seen */
    long from() {
        return fromNanos != Long.MIN_VALUE ? fromNanos : earliestStart == Long.MAX_VALUE ? Long.MIN_VALUE
                : earliestStart;
    }

    /** @return the end in epoch nanoseconds, or {@link Long#MAX_VALUE} when open and no span was seen */
    long to() {
        return toNanos != Long.MAX_VALUE ? toNanos : latestEnd == Long.MIN_VALUE ? Long.MAX_VALUE
                : Math.max(latestEnd, from());
    }

    /** @return the seconds of {@code [start, end)} inside the window */
    double secondsWithin(long start, long end) {
        long from = Math.max(start, from());
        long to = Math.min(end, to());
        return from < to ? (to - from) / 1e9 : 0;
    }

    static Instant instant(long epochNanos) {
        return epochNanos == Long.MIN_VALUE || epochNanos == Long.MAX_VALUE ? null
                : Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                        Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
