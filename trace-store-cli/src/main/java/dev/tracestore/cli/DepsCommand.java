package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.DependencyAnalysis;
import dev.tracestore.core.analysis.DependencyReport;
import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** {@code tracestore deps}: which service calls which, how often, how often it failed. */
@Command(name = "deps", sortOptions = false, abbreviateSynopsis = true,
        description = "Service dependencies: caller -> callee with call and error counts, from client/server and "
                + "producer/consumer spans; calls to services that store no spans by the client's peer.service or "
                + "server.address. Give the files of several services to see the calls between them.",
        footer = {"",
                "Examples:",
                "  tracestore deps shop/trace-store orders/trace-store",
                "  tracestore deps --service orders --lookback 1h --format json"})
final class DepsCommand extends AnalysisCommand {

    @Override
    public Integer call() {
        Map<String, List<String>> parameters = window.parameters().parameters();
        SpanQuery spansOfWindow = parse(() -> AnalysisParameters.dependencyWindow(parameters));
        DependencyAnalysis analysis = new DependencyAnalysis(AnalysisParameters.dependencyService(parameters));
        feed(spansOfWindow, window.now(cli), analysis);
        // every file was read: a parent outside the window is not looked up again
        DependencyReport report = analysis.report(null, null);
        if (format.json()) {
            new OperationsJson(out()).dependencies(report);
        } else {
            tables().dependencies(report.links());
        }
        return report.links().isEmpty() ? nothing("No calls between services found.") : ExitCode.OK;
    }
}
