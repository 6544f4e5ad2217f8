package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the span files hold, counted while streaming them once; no span is kept.
 *
 * @param spans spans read
 * @param traces distinct trace IDs
 * @param failedSpans spans that failed by the core's rules ({@link Failures})
 * @param failedTraces traces with at least one failed span
 * @param services the distinct {@code service.name} values, sorted
 * @param firstStartNanos the earliest span start, or 0 when there are no spans
 * @param lastEndNanos the latest span end, or 0 when there are no spans
 * @param filesRead files read
 * @param linesSkipped lines that could not be decoded
 */
record SpanStats(long spans, long traces, long failedSpans, long failedTraces, List<String> services,
        long firstStartNanos, long lastEndNanos, int filesRead, long linesSkipped) {

    SpanStats {
        services = List.copyOf(services);
    }

    /**
     * @param files the span files
     * @return their statistics
     */
    static SpanStats of(SpanFiles files) {
        Counter counter = new Counter();
        ReadResult read = files.read("", counter::count);
        return counter.stats(read);
    }

    /** @return failed spans per span, 0 when there are none */
    double errorRate() {
        return spans == 0 ? 0 : (double) failedSpans / spans;
    }

    private static final class Counter {
        private final TraceIdTable traces = new TraceIdTable();
        private final BitSet failedTraces = new BitSet();
        private final Set<String> services = new TreeSet<>();
        private long spans;
        private long failedSpans;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;

        void count(StoredSpan span) {
            spans++;
            int trace = traces.add(span.traceId());
            if (Failures.isFailure(span)) {
                failedSpans++;
                failedTraces.set(trace);
            }
            services.add(span.serviceName());
            firstStart = Math.min(firstStart, span.startEpochNanos());
            lastEnd = Math.max(lastEnd, span.endEpochNanos());
        }

        SpanStats stats(ReadResult read) {
            return new SpanStats(spans, traces.size(), failedSpans, failedTraces.cardinality(), List.copyOf(services),
                    spans == 0 ? 0 : firstStart, spans == 0 ? 0 : lastEnd, read.filesRead(), read.linesSkipped());
        }
    }
}
