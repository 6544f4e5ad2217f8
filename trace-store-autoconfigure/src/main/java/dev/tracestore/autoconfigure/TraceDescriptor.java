package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * One trace as the {@code traces} endpoint returns it. A trace larger than the response limits
 * ({@code tracestore.response.max-spans}, {@code tracestore.response.max-bytes}) answers its earliest spans and
 * says so; the fields of {@link Truncation} are left out of an answer that is whole.
 *
 * <pre>{@code
 * {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spans": [ ... ]}
 * {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spans": [ ... ], "truncated": true, "omittedSpans": 9000,
 *  "truncation": "cut at tracestore.response.max-spans (1000): ..."}
 * }</pre>
 *
 * @param traceId the trace ID, 32 lowercase hex characters
 * @param spans the trace's spans, ordered by start time
 * @param truncated {@code true} when spans were left out, otherwise {@code null} (left out of the JSON)
 * @param omittedSpans how many spans were left out, {@code null} when none were
 * @param truncation which limit cut the answer and how to read the rest, {@code null} when none did
 */
public record TraceDescriptor(String traceId, List<SpanDescriptor> spans, @Nullable Boolean truncated,
        @Nullable Integer omittedSpans, @Nullable String truncation) implements OperationResponseBody {

    /** Makes the list immutable. */
    public TraceDescriptor {
        spans = List.copyOf(spans);
    }

    static TraceDescriptor of(String traceId, List<SpanDescriptor> spans, Truncation truncation) {
        return new TraceDescriptor(traceId, spans, truncation.truncated(), truncation.omittedSpans(),
                truncation.message());
    }
}
