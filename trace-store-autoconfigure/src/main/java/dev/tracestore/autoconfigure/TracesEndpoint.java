package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.Assert;

import java.util.List;

/**
 * The {@code traces} Actuator endpoint: serves the stored spans as JSON. A web-only endpoint, because its answers
 * carry HTTP status codes (404 for an unknown trace, 400 for a malformed ID).
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736
 * {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spans":[{"spanId":"00f067aa0ba902b7", ...}]}
 * }</pre>
 */
@WebEndpoint(id = "traces")
public class TracesEndpoint {

    private final SpanStore store;

    /**
     * @param store the store to read the spans from
     */
    public TracesEndpoint(SpanStore store) {
        Assert.notNull(store, "'store' must not be null");
        this.store = store;
    }

    /**
     * {@code GET /actuator/traces/{traceId}}: the spans of one trace, ordered by start time.
     *
     * @param traceId 32 lowercase hex characters
     * @return the trace (200), an error naming {@code traceId} (400), or an error for an unknown trace (404)
     */
    @ReadOperation
    public WebEndpointResponse<OperationResponseBody> trace(@Selector String traceId) {
        try {
            HexIds.requireTraceId(traceId, "traceId");
        } catch (IllegalArgumentException ex) {
            return TracesErrorDescriptor.badRequest(ex.getMessage());
        }
        List<StoredSpan> spans = store.getTrace(traceId);
        if (spans.isEmpty()) {
            return TracesErrorDescriptor.notFound("no stored spans for trace " + traceId);
        }
        return new WebEndpointResponse<>(TraceDescriptor.of(traceId, spans));
    }
}
