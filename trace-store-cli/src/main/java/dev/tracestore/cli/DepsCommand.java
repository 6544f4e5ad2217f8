package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.DependencyAnalysis;
import dev.tracestore.core.analysis.DependencyReport;
import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tracestore deps}: which service calls which, how often, how often it failed. */
@Command(name = "deps", sortOptions = false, abbreviateSynopsis = true,
        description = "Service dependencies: caller -> callee with call and error counts, from client/server and "
                + "producer/consumer spans; calls to services that store no spans by the client's peer.service or "
                + "server.address. Give the files of several services to see the calls between them.",
        footer = {"",
                "Examples:",
                "  tracestore deps shop/trace-store orders/trace-store",
                "  tracestore deps --service orders --lookback 1h --format json"})
final class DepsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AnalysisWindowOptions window;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private StatsCommand.Format format;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        Map<String, List<String>> parameters = window.parameters();
        SpanQuery spansOfWindow = AnalysisReader.parse(spec, () -> AnalysisParameters.dependencyWindow(parameters));
        DependencyAnalysis analysis = new DependencyAnalysis(AnalysisParameters.dependencyService(parameters));
        Instant now = window.clock(cli.clock()).instant();
        AnalysisReader.feed(cli.open(source, spec.commandLine().getErr()), spansOfWindow, now, analysis);
        // every file was read: a parent outside the window is not looked up again
        DependencyReport report = analysis.report(null, null);
        PrintWriter out = spec.commandLine().getOut();
        if (format == StatsCommand.Format.JSON) {
            new OperationsJson(out).dependencies(report);
        } else {
            new OperationsTables(out, display.style(cli.terminal()), cli.terminal().tableWidth())
                    .dependencies(report.links());
        }
        if (report.links().isEmpty()) {
            spec.commandLine().getErr().println("No calls between services found.");
            return ExitCode.NOTHING_MATCHED;
        }
        return ExitCode.OK;
    }
}
