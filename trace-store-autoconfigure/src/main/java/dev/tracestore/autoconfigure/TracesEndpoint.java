package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.store.SpanStore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.Assert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code traces} Actuator endpoint: searches the stored spans and serves them as JSON, by the rules of
 * {@code docs/queries.md}. A web-only endpoint, because its answers carry HTTP status codes (400 naming a bad
 * parameter, 404 for an unknown trace).
 * <p>
 * Every query parameter is a {@link ParameterValues}, so that it arrives exactly as sent (see there); the
 * parameter names are those of {@code QueryParameters}, which Actuator matches by Java parameter name.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736
 * curl -G localhost:8080/actuator/traces --data-urlencode 'attr=http.response.status_code>=500' -d lookback=1h
 * curl 'localhost:8080/actuator/traces/failures?lookback=15m&limit=20'
 * }</pre>
 */
@WebEndpoint(id = "traces")
public class TracesEndpoint {

    /** The endpoint's ID. */
    public static final EndpointId ID = EndpointId.of("traces");

    // The path word that the selector operation answers with recent failures; a trace ID is hex, so never this.
    private static final String FAILURES = "failures";

    private final SpanStore store;

    /**
     * @param store the store to read the spans from
     */
    public TracesEndpoint(SpanStore store) {
        Assert.notNull(store, "'store' must not be null");
        this.store = store;
    }

    /**
     * {@code GET /actuator/traces?...}: the traces ({@code view=traces}, the default) or spans ({@code view=spans})
     * that match every given condition. All parameters are optional; only {@code attr} may repeat.
     *
     * @return the traces or spans (200), or an error naming the bad parameter (400)
     */
    @ReadOperation
    public WebEndpointResponse<OperationResponseBody> search(@Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues minTraceDuration,
            @Nullable ParameterValues maxTraceDuration, @Nullable ParameterValues limit,
            @Nullable ParameterValues order, @Nullable ParameterValues view) {
        TracesRequest request = new TracesRequest(parameters(traceId, service, name, kind, status, errorType, failed,
                attr, from, to, lookback, minDuration, maxDuration, minTraceDuration, maxTraceDuration, limit, order));
        try {
            if (TracesRequest.View.of(view) == TracesRequest.View.SPANS) {
                return new WebEndpointResponse<>(SpansDescriptor.of(store.findSpans(request.spanSearch())));
            }
            return new WebEndpointResponse<>(TracesDescriptor.of(store.findTraces(request.traceSearch())));
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage());
        }
    }

    /**
     * {@code GET /actuator/traces/{traceId}}: the spans of one trace, ordered by start time; it takes no query
     * parameters. {@code GET /actuator/traces/failures?...}: the failed spans, newest first, of the last hour
     * unless {@code lookback}, {@code from} or {@code to} says otherwise; it takes the span filters of
     * {@link #search} (not {@code view} nor the trace durations). Both live in one operation because Actuator
     * cannot map a fixed path segment beside a selector.
     *
     * @param traceIdOrFailures 32 lowercase hex characters, or {@code failures}; not named {@code traceId},
     *     because Actuator lets a query parameter of the same name override the path, and {@code traceId} is a
     *     filter of {@code /failures}
     * @return the trace or the failures (200), an error naming the bad parameter (400), or an error for an
     *     unknown trace (404)
     */
    @ReadOperation
    public WebEndpointResponse<OperationResponseBody> trace(@Selector String traceIdOrFailures,
            @Nullable ParameterValues traceId, @Nullable ParameterValues service, @Nullable ParameterValues name,
            @Nullable ParameterValues kind, @Nullable ParameterValues status, @Nullable ParameterValues errorType,
            @Nullable ParameterValues failed, @Nullable ParameterValues attr, @Nullable ParameterValues from,
            @Nullable ParameterValues to, @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues limit, @Nullable ParameterValues order) {
        TracesRequest request = new TracesRequest(parameters(traceId, service, name, kind, status, errorType, failed,
                attr, from, to, lookback, minDuration, maxDuration, null, null, limit, order));
        try {
            if (FAILURES.equals(traceIdOrFailures)) {
                return new WebEndpointResponse<>(SpansDescriptor.of(store.findSpans(request.failures())));
            }
            request.requireNone();
            return wholeTrace(traceIdOrFailures);
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage());
        }
    }

    private WebEndpointResponse<OperationResponseBody> wholeTrace(String traceId) {
        try {
            HexIds.requireTraceId(traceId, "traceId");
        } catch (IllegalArgumentException ex) {
            return TracesErrorDescriptor.badRequest("traceId", ex.getMessage());
        }
        List<StoredSpan> spans = store.getTrace(traceId);
        if (spans.isEmpty()) {
            return TracesErrorDescriptor.notFound("no stored spans for trace " + traceId);
        }
        return new WebEndpointResponse<>(TraceDescriptor.of(traceId, spans));
    }

    // The query parameters by the names QueryParameters reads; the Java parameter names must be the same.
    private static Map<String, @Nullable ParameterValues> parameters(@Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues minTraceDuration,
            @Nullable ParameterValues maxTraceDuration, @Nullable ParameterValues limit,
            @Nullable ParameterValues order) {
        Map<String, @Nullable ParameterValues> parameters = new LinkedHashMap<>();
        parameters.put("traceId", traceId);
        parameters.put("service", service);
        parameters.put("name", name);
        parameters.put("kind", kind);
        parameters.put("status", status);
        parameters.put("errorType", errorType);
        parameters.put("failed", failed);
        parameters.put("attr", attr);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("lookback", lookback);
        parameters.put("minDuration", minDuration);
        parameters.put("maxDuration", maxDuration);
        parameters.put("minTraceDuration", minTraceDuration);
        parameters.put("maxTraceDuration", maxTraceDuration);
        parameters.put("limit", limit);
        parameters.put("order", order);
        return parameters;
    }
}
