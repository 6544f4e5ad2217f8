package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The spans a span search ({@code view=spans}) or {@code /actuator/traces/failures} found, in the query's order.
 *
 * <pre>{@code
 * {"spans": [{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", ...}], "reloading": false}
 * }</pre>
 *
 * @param spans the spans, each as in {@link TraceDescriptor}
 * @param reloading {@code true} while the span files are read back after a start: older spans may still be missing
 */
public record SpansDescriptor(List<SpanDescriptor> spans, boolean reloading) implements OperationResponseBody {

    /** Makes the list immutable. */
    public SpansDescriptor {
        spans = List.copyOf(spans);
    }

    static SpansDescriptor of(List<StoredSpan> spans, boolean reloading) {
        return new SpansDescriptor(spans.stream().map(SpanDescriptor::of).toList(), reloading);
    }
}
