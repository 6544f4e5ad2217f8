package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * One trace as the {@code traces} endpoint returns it.
 *
 * <pre>{@code
 * {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spans": [ ... ]}
 * }</pre>
 *
 * @param traceId the trace ID, 32 lowercase hex characters
 * @param spans the trace's spans, ordered by start time
 */
public record TraceDescriptor(String traceId, List<SpanDescriptor> spans) implements OperationResponseBody {

    /** Makes the list immutable. */
    public TraceDescriptor {
        spans = List.copyOf(spans);
    }

    static TraceDescriptor of(String traceId, List<StoredSpan> spans) {
        return new TraceDescriptor(traceId, spans.stream().map(SpanDescriptor::of).toList());
    }
}
