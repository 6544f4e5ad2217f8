package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.RepeatedCall;
import dev.tracestore.core.analysis.RepeatedCallDetector;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/{traceId}/repeats?minCount=5&minTotalDuration=0ms}: the runs of repeated calls (N+1)
 * in one trace ({@link RepeatedCallDetector}), the largest total duration first.
 *
 * <pre>{@code
 * curl 'localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736/repeats?minCount=3'
 * }</pre>
 */
final class TraceRepeatsRoute implements TracesRoute {

    private final TracesSource source;

    TraceRepeatsRoute(TracesSource source) {
        this.source = source;
    }

    @Override
    public boolean answers(List<String> path) {
        return StoredTrace.isAnalysis(path, "repeats");
    }

    @Override
    public String template() {
        return "/actuator/traces/{traceId}/repeats";
    }

    @Override
    public Set<String> parameters() {
        return RepeatParameters.NAMES;
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        RepeatedCallDetector detector = RepeatParameters.detector(call.request());
        return StoredTrace.answer(source, call, (traceId, spans) ->
                new Repeats(traceId, spans.size(), detector.find(spans)));
    }

    /**
     * The answer.
     *
     * @param traceId the trace
     * @param spanCount how many spans it has
     * @param repeats the runs found, the largest total duration first
     */
    record Repeats(String traceId, int spanCount, List<RepeatedCall> repeats) implements OperationResponseBody {
    }
}
