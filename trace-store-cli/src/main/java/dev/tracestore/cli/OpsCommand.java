package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.RedAnalysis;
import dev.tracestore.core.analysis.RedQuery;
import dev.tracestore.core.analysis.RedReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code tracestore ops}: RED (rate, errors, duration percentiles) per operation, from the span files. */
@Command(name = "ops", sortOptions = false, abbreviateSynopsis = true,
        description = "Rate, errors and duration (p50, p90, p95, p99, max) per operation: server spans grouped by "
                + "service and span name unless --kind or --group-by say otherwise; per time bucket with --bucket. "
                + "Percentiles are at most 0.8%% (or 1 µs) above the exact value. Reads every span once, keeps none.",
        footer = {"",
                "Examples:",
                "  tracestore ops --lookback 1h",
                "  tracestore ops --service shop --group-by http.route --bucket 5m",
                "  tracestore ops --kind client --group-by service.name,server.address --format json"})
final class OpsCommand extends AnalysisCommand {

    @Mixin
    private OperationOptions operations;

    @Option(names = "--bucket", paramLabel = "DURATION", description = "Figures per bucket of this width: 1m, 1h.")
    private String bucket;

    @Override
    public Integer call() {
        QueryArguments parameters = operations.addTo(window.parameters()).put("bucket", bucket);
        RedQuery query = parse(() -> AnalysisParameters.red(parameters.parameters()));
        Instant now = window.now(cli);
        RedAnalysis analysis = new RedAnalysis(query, now);
        feed(query.filter(), now, analysis);
        RedReport report = analysis.report(null);
        if (format.json()) {
            new OperationsJson(out()).operations(report);
        } else {
            tables().operations(report.groupBy(), report.operations(), query.bucket() != null);
        }
        if (report.partial()) {
            err().println("Partial: " + report.truncatedReason());
        }
        return report.operations().isEmpty() ? nothing("No spans matched.") : ExitCode.OK;
    }
}
