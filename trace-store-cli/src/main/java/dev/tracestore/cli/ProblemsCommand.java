package dev.tracestore.cli;

import dev.tracestore.core.analysis.AnalysisParameters;
import dev.tracestore.core.analysis.ProblemsAnalysis;
import dev.tracestore.core.analysis.ProblemsReport;
import dev.tracestore.core.analysis.RedQuery;
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

/** {@code tracestore problems}: what is wrong right now. */
@Command(name = "problems", sortOptions = false, abbreviateSynopsis = true,
        description = "What is wrong: the slowest operations (by p95), the most failing ones (by error rate), and "
                + "the exceptions of failed spans of any kind (type, count, first and last seen, an example trace).",
        footer = {"",
                "Examples:",
                "  tracestore problems --lookback 15m",
                "  tracestore problems --service shop --limit 5 --format json"})
final class ProblemsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AnalysisWindowOptions window;

    @Mixin
    private OperationOptions operations;

    @Option(names = "--limit", paramLabel = "N", description = "Operations per list (default 10).")
    private String limit;

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
        AnalysisWindowOptions.put(parameters, "limit", limit);
        RedQuery query = AnalysisReader.parse(spec, () -> AnalysisParameters.problems(parameters));
        int most = AnalysisReader.parse(spec, () -> AnalysisParameters.problemsLimit(parameters));
        Instant now = window.clock(cli.clock()).instant();
        ProblemsAnalysis analysis = new ProblemsAnalysis(query, most, now);
        AnalysisReader.feed(cli.open(source, spec.commandLine().getErr()), query.filter(), now, analysis);
        ProblemsReport report = analysis.report(null);
        PrintWriter out = spec.commandLine().getOut();
        if (format == StatsCommand.Format.JSON) {
            new OperationsJson(out).problems(report);
        } else {
            print(report, out, display.style(cli.terminal()));
        }
        if (report.slowest().isEmpty() && report.exceptions().isEmpty()) {
            spec.commandLine().getErr().println("No spans matched.");
            return ExitCode.NOTHING_MATCHED;
        }
        return ExitCode.OK;
    }

    private void print(ProblemsReport report, PrintWriter out, Style style) {
        OperationsTables tables = new OperationsTables(out, style, cli.terminal().tableWidth());
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
