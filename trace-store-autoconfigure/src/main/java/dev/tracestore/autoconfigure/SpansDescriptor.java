package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SearchResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The spans a span search ({@code view=spans}) or {@code /actuator/traces/failures} found, in the query's order.
 *
 * <pre>{@code
 * {"spans": [{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", ...}],
 *  "partial": false}
 * }</pre>
 *
 * @param spans the spans, each as in {@link TraceDescriptor}
 * @param partial whether the search stopped early (its time or regular-expression budget ran out), so that
 *     {@code spans} may miss matches
 * @param truncatedReason why it stopped early, how to narrow the query; absent when complete
 */
public record SpansDescriptor(List<SpanDescriptor> spans, boolean partial, @Nullable String truncatedReason)
        implements OperationResponseBody {

    /** Makes the list immutable. */
    public SpansDescriptor {
        spans = List.copyOf(spans);
    }

    static SpansDescriptor of(SearchResult<StoredSpan> found) {
        return new SpansDescriptor(found.items().stream().map(SpanDescriptor::of).toList(), found.partial(),
                found.truncatedReason());
    }
}
