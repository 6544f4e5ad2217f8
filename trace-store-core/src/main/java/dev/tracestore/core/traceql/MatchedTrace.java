package dev.tracestore.core.traceql;

import dev.tracestore.core.query.TraceSummary;

import java.util.List;

/**
 * A trace a TraceQL query matched: its summary (as trace search answers it) and the spansets that matched.
 *
 * <pre>{@code
 * for (MatchedTrace trace : result.traces()) {
 *     System.out.println(trace.summary().traceId() + " " + trace.spansets().get(0).spans().size());
 * }
 * }</pre>
 *
 * @param summary the trace's summary over all its stored spans
 * @param spansets the matching spansets, never empty
 */
public record MatchedTrace(TraceSummary summary, List<Spanset> spansets) {

    /** Copies the spansets. */
    public MatchedTrace {
        spansets = List.copyOf(spansets);
    }
}
