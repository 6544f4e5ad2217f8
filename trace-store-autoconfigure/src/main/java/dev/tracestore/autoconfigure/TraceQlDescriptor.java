package dev.tracestore.autoconfigure;

import dev.tracestore.core.traceql.MatchedSpan;
import dev.tracestore.core.traceql.MatchedTrace;
import dev.tracestore.core.traceql.Spanset;
import dev.tracestore.core.traceql.TraceQlResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The traces a TraceQL search ({@code GET /actuator/traces?q=...}) found: each trace's summary as a trace search
 * answers it, plus the spansets that matched, each with its spans and, after {@code by(...)}, the values it was
 * grouped by.
 *
 * <pre>{@code
 * {"traces": [{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "rootService": "orders", "rootName": "http get /orders/{id}",
 *              "startTime": "2025-01-01T10:00:00.123456789Z", "durationNanos": 5000001, "spanCount": 4,
 *              "errorCount": 1, "services": ["orders"],
 *              "spansets": [{"groupedBy": {}, "spans": [{"span": {"traceId": "...", "spanId": "...", ...},
 *                                                      "selected": {}}]}]}],
 *  "query": "{ status = error }", "partial": false, "reloading": false}
 * }</pre>
 *
 * @param traces the matched traces, the latest-starting first
 * @param query the query as given
 * @param partial whether the search stopped early, so that {@code traces} may miss matches
 * @param partialReason why it stopped early and how to narrow the query; absent when complete
 * @param truncated {@code true} when {@code tracestore.response.max-spans} left out matched spans, else absent
 * @param truncation which limit cut the answer and how to narrow the query, absent when none did
 * @param reloading {@code true} while the span files are read back after a start: older spans may still be missing
 */
public record TraceQlDescriptor(List<Trace> traces, String query, boolean partial, @Nullable String partialReason,
        @Nullable Boolean truncated, @Nullable String truncation, boolean reloading) implements OperationResponseBody {

    /** Makes the list immutable. */
    public TraceQlDescriptor {
        traces = List.copyOf(traces);
    }

    static TraceQlDescriptor of(String query, TraceQlResult result, int maxSpans, boolean reloading) {
        int room = maxSpans;
        boolean cut = false;
        List<Trace> traces = new ArrayList<>();
        for (MatchedTrace trace : result.traces()) {
            List<MatchedSpanset> spansets = new ArrayList<>();
            for (Spanset spanset : trace.spansets()) {
                List<MatchedSpan> spans = spanset.spans();
                if (spans.size() > room) {
                    spans = spans.subList(0, room);
                    cut = true;
                }
                room -= spans.size();
                spansets.add(new MatchedSpanset(spanset.groupedBy(), spans.stream().map(Span::of).toList()));
            }
            TracesDescriptor.Summary summary = TracesDescriptor.Summary.of(trace.summary());
            traces.add(new Trace(summary.traceId(), summary.rootService(), summary.rootName(), summary.startTime(),
                    summary.durationNanos(), summary.spanCount(), summary.errorCount(), summary.services(),
                    spansets));
        }
        return new TraceQlDescriptor(traces, query, result.partial(), result.truncatedReason(), cut ? true : null,
                cut ? "matched spans cut at tracestore.response.max-spans (" + maxSpans + "); lower the limit or "
                        + "narrow the query" : null, reloading);
    }

    /**
     * One matched trace: its summary (see {@link TracesDescriptor.Summary}) and its matched spansets.
     *
     * @param traceId the trace ID
     * @param rootService the service of the root span (of the earliest stored span when the root is not stored)
     * @param rootName the name of that span
     * @param startTime the earliest start of the trace's stored spans
     * @param durationNanos from the earliest start to the latest end of the stored spans
     * @param spanCount how many spans of the trace are stored
     * @param errorCount how many of them failed
     * @param services the distinct services of the trace's spans, sorted
     * @param spansets the spansets the query matched
     */
    public record Trace(String traceId, String rootService, String rootName, String startTime, long durationNanos,
            int spanCount, int errorCount, List<String> services, List<MatchedSpanset> spansets) {

        /** Makes the lists immutable. */
        public Trace {
            services = List.copyOf(services);
            spansets = List.copyOf(spansets);
        }
    }

    /**
     * @param groupedBy the {@code by(...)} labels and values of this spanset (a value is {@code null} for spans
     *     lacking the field); empty without {@code by}
     * @param spans the matched spans
     */
    public record MatchedSpanset(Map<String, @Nullable Object> groupedBy, List<Span> spans) {

        /** Makes the list immutable. */
        public MatchedSpanset {
            spans = List.copyOf(spans);
        }
    }

    /**
     * @param span the span, as a trace's answer has it
     * @param selected the values {@code select(...)} asked for, by field
     */
    public record Span(SpanDescriptor span, Map<String, @Nullable Object> selected) {

        static Span of(MatchedSpan matched) {
            return new Span(SpanDescriptor.of(matched.span()), matched.selected());
        }
    }
}
