package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.RedAnalysis;
import dev.tracestore.core.analysis.RedQuery;
import dev.tracestore.core.analysis.RedReport;
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

/** {@code tracestore ops}: RED (rate, errors, duration percentiles) per operation, from the span files. */
@Command(name = "ops", sortOptions = false, abbreviateSynopsis = true,
        description = "Rate, errors and duration (p50, p90, p95, p99, max) per operation: server spans grouped by "
                + "service and span name unless --kind or --group-by say otherwise; per time bucket with --bucket. "
                + "Percentiles are at most 0.8% (or 1 µs) above the exact value. Reads every span once, keeps none.",
        footer = {"",
                "Examples:",
                "  tracestore ops --lookback 1h",
                "  tracestore ops --service shop --group-by http.route --bucket 5m",
                "  tracestore ops --kind client --group-by service.name,server.address --format json"})
final class OpsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AnalysisWindowOptions window;

    @Mixin
    private OperationOptions operations;

    @Option(names = "--bucket", paramLabel = "DURATION", description = "Figures per bucket of this width: 1m, 1h.")
    private String bucket;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private StatsCommand.Format format;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        Map<String, List<String>> parameters = window.parameters();
        operations.addTo(parameters);
        AnalysisWindowOptions.put(parameters, "bucket", bucket);
        RedQuery query = AnalysisReader.parse(spec, () -> AnalysisParameters.red(parameters));
        Instant now = window.clock(cli.clock()).instant();
        RedAnalysis analysis = new RedAnalysis(query, now);
        AnalysisReader.feed(cli.open(source, spec.commandLine().getErr()), query.filter(), now, analysis);
        RedReport report = analysis.report(null);
        PrintWriter out = spec.commandLine().getOut();
        if (format == StatsCommand.Format.JSON) {
            new OperationsJson(out).operations(report);
        } else {
            new OperationsTables(out, display.style(cli.terminal()), cli.terminal().tableWidth())
                    .operations(report.groupBy(), report.operations(), query.bucket() != null);
        }
        if (report.partial()) {
            spec.commandLine().getErr().println("Partial: " + report.truncatedReason());
        }
        if (report.operations().isEmpty()) {
            spec.commandLine().getErr().println("No spans matched.");
            return ExitCode.NOTHING_MATCHED;
        }
        return ExitCode.OK;
    }
}
