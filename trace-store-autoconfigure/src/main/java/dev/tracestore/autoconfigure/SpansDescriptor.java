package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The spans a span search ({@code view=spans}) or {@code /actuator/traces/failures} found, in the query's order.
 *
 * <pre>{@code
 * {"spans": [{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", ...}], "partial": false,
 *  "reloading": false}
 * {"spans": [ ... ], "partial": false, "truncated": true, "truncation": "cut at tracestore.response.max-bytes ...",
 *  "reloading": false}
 * {"spans": [ ... ], "partial": true, "partialReason": "the query ran longer than the query timeout ...",
 *  "reloading": false}
 * }</pre>
 *
 * @param spans the spans, each as in {@link TraceDescriptor}
 * @param partial whether the search stopped early (its time or regular-expression budget ran out), so that
 *     {@code spans} may miss matches
 * @param partialReason why it stopped early and how to narrow the query; absent when complete
 * @param truncated {@code true} when a response limit left out spans the query's limit allowed, otherwise
 *     {@code null} (left out of the JSON)
 * @param omittedSpans how many were left out when known, otherwise {@code null}
 * @param truncation which limit cut the answer and how to narrow the query, {@code null} when none did
 * @param reloading {@code true} while the span files are read back after a start: older spans may still be missing
 */
public record SpansDescriptor(List<SpanDescriptor> spans, boolean partial, @Nullable String partialReason,
        @Nullable Boolean truncated, @Nullable Integer omittedSpans, @Nullable String truncation, boolean reloading)
        implements OperationResponseBody {

    /** Makes the list immutable. */
    public SpansDescriptor {
        spans = List.copyOf(spans);
    }

    static SpansDescriptor of(SpanBudget budget, Truncation truncation, boolean reloading) {
        String partialReason = budget.partialReason();
        return new SpansDescriptor(budget.spans(), partialReason != null, partialReason, truncation.truncated(),
                truncation.omittedSpans(), truncation.message(), reloading);
    }
}
