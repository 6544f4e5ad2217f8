package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.DependencyAnalysis;
import dev.tracestore.core.analysis.ProblemsAnalysis;
import dev.tracestore.core.analysis.RedAnalysis;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /actuator/traces/analysis/operations}, {@code .../dependencies} and {@code .../problems}: RED per
 * operation, service dependencies and the problems summary over the store (docs/analysis.md). Each is a thin call of
 * the core analysis with the parameters read by {@link AnalysisParameters}.
 *
 * <pre>{@code
 * curl 'localhost:8080/actuator/traces/analysis/operations?lookback=1h&groupBy=http.route&bucket=5m'
 * curl 'localhost:8080/actuator/traces/analysis/dependencies?lookback=1h'
 * curl 'localhost:8080/actuator/traces/analysis/problems?lookback=15m&limit=5'
 * }</pre>
 */
final class AnalysisRoute implements TracesRoute {

    /** The analyses this route answers, by the last path segment. */
    enum Analysis {
        /** RED per operation. */
        OPERATIONS("operations", AnalysisParameters.RED),
        /** Service dependencies. */
        DEPENDENCIES("dependencies", AnalysisParameters.DEPENDENCIES),
        /** The problems summary. */
        PROBLEMS("problems", AnalysisParameters.PROBLEMS);

        final String segment;
        final Set<String> parameters;

        Analysis(String segment, Set<String> parameters) {
            this.segment = segment;
            this.parameters = parameters;
        }
    }

    private final TracesSource source;
    private final Analysis analysis;

    AnalysisRoute(TracesSource source, Analysis analysis) {
        this.source = source;
        this.analysis = analysis;
    }

    @Override
    public boolean answers(List<String> path) {
        return path.equals(List.of("analysis", analysis.segment));
    }

    @Override
    public String template() {
        return "/actuator/traces/analysis/" + analysis.segment;
    }

    @Override
    public Set<String> parameters() {
        return analysis.parameters;
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        Map<String, List<String>> parameters = call.request().asMap();
        Object body = switch (analysis) {
            case OPERATIONS -> {
                var query = AnalysisParameters.red(parameters);
                boolean reloading = source.awaitIngest();
                yield OperationsDescriptor.of(RedAnalysis.run(source.store(), query, Instant.now()), reloading);
            }
            case DEPENDENCIES -> {
                var window = AnalysisParameters.dependencyWindow(parameters);
                String service = AnalysisParameters.dependencyService(parameters);
                boolean reloading = source.awaitIngest();
                yield DependenciesDescriptor.of(DependencyAnalysis.run(source.store(), window, service), reloading);
            }
            case PROBLEMS -> {
                var query = AnalysisParameters.problems(parameters);
                int limit = AnalysisParameters.problemsLimit(parameters);
                boolean reloading = source.awaitIngest();
                yield ProblemsDescriptor.of(ProblemsAnalysis.run(source.store(), query, limit, Instant.now()),
                        reloading);
            }
        };
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, call.accept().jsonType());
    }
}
