package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/failures?...}: the failed spans, newest first, of the last hour unless {@code lookback},
 * {@code from} or {@code to} says otherwise; it takes the span filters of a search (not {@code view} nor the trace
 * durations).
 *
 * <pre>{@code
 * curl 'localhost:8080/actuator/traces/failures?lookback=15m&limit=20'
 * }</pre>
 */
final class FailuresRoute implements TracesRoute {

    private static final Set<String> PARAMETERS = Set.of("traceId", "service", "name", "kind", "status", "errorType",
            "failed", "attr", "from", "to", "lookback", "minDuration", "maxDuration", "limit", "order");

    private final TracesSource source;

    FailuresRoute(TracesSource source) {
        this.source = source;
    }

    @Override
    public boolean answers(List<String> path) {
        return path.equals(List.of("failures"));
    }

    @Override
    public String template() {
        return "/actuator/traces/failures";
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        var query = call.request().failures();
        boolean reloading = source.awaitIngest();
        return new WebEndpointResponse<>(source.spans(query, reloading), WebEndpointResponse.STATUS_OK,
                call.accept().jsonType());
    }
}
