package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.EndpointRepeats;
import dev.tracestore.core.analysis.RepeatedCallDetector;
import dev.tracestore.core.analysis.RepeatedCallsByEndpoint;
import dev.tracestore.core.analysis.RepeatedCallsReport;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /actuator/traces/analysis/repeats?...}: which endpoints (root operations) show repeated calls (N+1)
 * most often ({@link RepeatedCallsByEndpoint}). The traces examined are those a trace search with the same filters
 * answers ({@code service}, {@code name}, {@code attr}, time window, {@code limit} traces, 100 by default...),
 * newest first; {@code minCount} and {@code minTotalDuration} set the detector. The search and the reading of the
 * traces share the query timeout: when it runs out the answer says {@code "partial": true}.
 *
 * <pre>{@code
 * curl 'localhost:8080/actuator/traces/analysis/repeats?lookback=1h&limit=500'
 * }</pre>
 */
final class RepeatsAcrossTracesRoute implements TracesRoute {

    private static final Set<String> PARAMETERS;

    static {
        Set<String> parameters = new HashSet<>(RepeatParameters.NAMES);
        parameters.addAll(Set.of("service", "name", "kind", "status", "errorType", "failed", "attr", "from", "to",
                "lookback", "minDuration", "maxDuration", "limit", "order"));
        PARAMETERS = Set.copyOf(parameters);
    }

    private final TracesSource source;

    RepeatsAcrossTracesRoute(TracesSource source) {
        this.source = source;
    }

    @Override
    public boolean answers(List<String> path) {
        return path.equals(List.of("analysis", "repeats"));
    }

    @Override
    public String template() {
        return "/actuator/traces/analysis/repeats";
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        RepeatedCallDetector detector = RepeatParameters.detector(call.request());
        Map<String, List<String>> search = new LinkedHashMap<>(call.request().asMap());
        search.keySet().removeAll(RepeatParameters.NAMES);
        SpanQuery traces = QueryParameters.parse(search);
        boolean reloading = source.awaitIngest();
        RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(source.store(), traces, detector,
                source.store().startQuery());
        return new WebEndpointResponse<>(new Endpoints(report.tracesExamined(), report.endpoints(), report.partial(),
                report.truncatedReason(), reloading), WebEndpointResponse.STATUS_OK, call.accept().jsonType());
    }

    /**
     * The answer.
     *
     * @param tracesExamined how many traces were analysed
     * @param endpoints the endpoints with at least one trace with repeated calls, the most such traces first
     * @param partial whether the search or the analysis stopped early (query timeout)
     * @param partialReason why, and how to narrow the query; absent when complete
     * @param reloading {@code true} while the span files are read back after a start
     */
    record Endpoints(int tracesExamined, List<EndpointRepeats> endpoints, boolean partial,
            @Nullable String partialReason, boolean reloading) implements OperationResponseBody {
    }
}
