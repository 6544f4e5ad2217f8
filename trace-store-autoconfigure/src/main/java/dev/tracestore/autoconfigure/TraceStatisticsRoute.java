package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.TraceStatistics;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/{traceId}/statistics}: per (service, operation) of one trace, the count and the total,
 * average, minimum and maximum of duration and self time ({@link TraceStatistics}); no parameters.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736/statistics
 * }</pre>
 */
final class TraceStatisticsRoute implements TracesRoute {

    private final TracesSource source;

    TraceStatisticsRoute(TracesSource source) {
        this.source = source;
    }

    @Override
    public boolean answers(List<String> path) {
        return StoredTrace.isAnalysis(path, "statistics");
    }

    @Override
    public String template() {
        return "/actuator/traces/{traceId}/statistics";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        return StoredTrace.answer(source, call, (traceId, spans) ->
                new Statistics(traceId, spans.size(), TraceStatistics.of(spans)));
    }

    /**
     * The answer.
     *
     * @param traceId the trace
     * @param spanCount how many spans it has
     * @param operations one row per (service, span name), the largest total self time first
     */
    record Statistics(String traceId, int spanCount, List<OperationStatistics> operations)
            implements OperationResponseBody {
    }
}
