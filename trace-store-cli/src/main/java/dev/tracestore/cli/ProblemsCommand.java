package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.ProblemsAnalysis;
import dev.tracestore.core.analysis.ProblemsReport;
import dev.tracestore.core.analysis.RedQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;

/** {@code tracestore problems}: what is wrong right now. */
@Command(name = "problems", sortOptions = false, abbreviateSynopsis = true,
        description = "What is wrong: the slowest operations (by p95), the most failing ones (by error rate), and "
                + "the exceptions of failed spans of any kind (type, count, first and last seen, an example trace).",
        footer = {"",
                "Examples:",
                "  tracestore problems --lookback 15m",
                "  tracestore problems --service shop --limit 5 --format json"})
final class ProblemsCommand extends AnalysisCommand {

    @Mixin
    private OperationOptions operations;

    @Option(names = "--limit", paramLabel = "N", description = "Operations per list (default 10).")
    private String limit;

    @Override
    public Integer call() {
        QueryArguments parameters = operations.addTo(window.parameters()).put("limit", limit);
        RedQuery query = parse(() -> AnalysisParameters.problems(parameters.parameters()));
        int most = parse(() -> AnalysisParameters.problemsLimit(parameters.parameters()));
        Instant now = window.now(cli);
        ProblemsAnalysis analysis = new ProblemsAnalysis(query, most, now);
        feed(query.filter(), now, analysis);
        ProblemsReport report = analysis.report(null);
        if (format.json()) {
            new OperationsJson(out()).problems(report);
        } else {
            print(report, out(), style());
        }
        boolean empty = report.slowest().isEmpty() && report.exceptions().isEmpty();
        return empty ? nothing("No spans matched.") : ExitCode.OK;
    }

    private void print(ProblemsReport report, PrintWriter out, Style style) {
        OperationsTables tables = tables();
        out.println(style.bold("Slowest operations (by p95)"));
        tables.operations(report.groupBy(), report.slowest(), false);
        out.println();
        out.println(style.bold("Most failing operations (by error rate)"));
        if (report.failing().isEmpty()) {
            out.println("none");
        } else {
            tables.operations(report.groupBy(), report.failing(), false);
        }
        out.println();
        out.println(style.bold("Exceptions"));
        if (report.exceptions().isEmpty()) {
            out.println("none");
        } else {
            tables.exceptions(report.exceptions());
        }
    }
}
