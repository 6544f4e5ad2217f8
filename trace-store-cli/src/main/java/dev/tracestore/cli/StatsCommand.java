package dev.tracestore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/** {@code tracestore stats}: what the span files hold, read once without keeping spans. */
@Command(name = "stats", sortOptions = false,
        description = "Counts what the span files hold: spans, traces, services, time range, error rate, files "
                + "read and lines skipped. Reads every span once and keeps none, so any size works.",
        footer = {"",
                "Examples:",
                "  tracestore stats",
                "  tracestore stats /var/lib/shop/trace-store --format json"})
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TableOrJson format;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SpanFiles files = cli.open(source, spec.commandLine().getErr());
        SpanStats stats = SpanStats.of(files);
        String path = files.display();
        if (format.json()) {
            new JsonOutput(out).stats(files.paths().stream().map(Path::toString).collect(Collectors.joining(", ")),
                    stats);
        } else {
            print(path, stats, out, display.style(cli.terminal()));
        }
        if (stats.spans() == 0) {
            spec.commandLine().getErr().println("No spans in " + path + ".");
            return ExitCode.NOTHING_MATCHED;
        }
        return ExitCode.OK;
    }

    private static void print(String path, SpanStats stats, PrintWriter out, Style style) {
        line(out, style, "path", path);
        line(out, style, "files read", Long.toString(stats.filesRead()));
        line(out, style, "lines skipped", Long.toString(stats.linesSkipped()));
        line(out, style, "spans", Long.toString(stats.spans()));
        line(out, style, "traces", Long.toString(stats.traces()));
        line(out, style, "services", stats.services().size() + (stats.services().isEmpty() ? ""
                : ": " + TerminalText.escape(String.join(", ", stats.services()))));
        if (stats.spans() > 0) {
            line(out, style, "time range", Durations.time(stats.firstStartNanos()) + " to "
                    + Durations.time(stats.lastEndNanos()) + " ("
                    + Durations.format(stats.lastEndNanos() - stats.firstStartNanos()) + ")");
            String rate = String.format(Locale.ROOT, "%.2f%% of spans failed (%s in %s)", 100 * stats.errorRate(),
                    Listings.count(stats.failedSpans(), "span"), Listings.count(stats.failedTraces(), "trace"));
            line(out, style, "error rate", stats.failedSpans() > 0 ? style.red(rate) : rate);
        }
    }

    private static void line(PrintWriter out, Style style, String label, String value) {
        out.println(style.bold(String.format(Locale.ROOT, "%-14s", label)) + value);
    }
}
