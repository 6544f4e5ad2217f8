package dev.tracestore.cli;

import dev.tracestore.core.analysis.CriticalPath;
import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.TraceStatistics;
import dev.tracestore.core.log.OtlpJsonWriter;
import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tracestore trace ID}: one trace, as a waterfall or as its spans. */
@Command(name = "trace", sortOptions = false,
        description = "Shows one trace as a waterfall: a row per span under its parent, a bar on the trace's "
                + "time axis, duration and service, failed spans marked ERROR with what went wrong.",
        footer = {"",
                "Examples:",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736 --attributes /var/lib/shop",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736 --format otlp > trace.json",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736 --stats",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736 --critical-path --format json"})
final class TraceCommand implements Callable<Integer> {

    /** The formats of one trace. */
    enum Format {
        /** The waterfall. */
        TABLE,
        /** {@code {"traceId": ..., "spans": [...]}}, as {@code GET /actuator/traces/{traceId}} returns it. */
        JSON,
        /** One span per line. */
        JSONL,
        /** One OTLP/JSON {@code ExportTraceServiceRequest}, for other OpenTelemetry tools. */
        OTLP
    }

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--attributes"},
            description = "Under each span: its ID, kind, status, attributes, events and links.")
    private boolean attributes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (the waterfall, default), json, jsonl or otlp.")
    private Format format;

    @Option(names = "--stats", description = "Per service and operation: count, total, average, minimum and maximum "
            + "of duration and of self time (duration less the time its children run), instead of the waterfall.")
    private boolean stats;

    @Option(names = "--critical-path", description = "Marks the critical path in the waterfall (█ on it, ░ off it): "
            + "what the trace's end waited on, walking back from the last-finishing child.")
    private boolean criticalPath;

    @Mixin
    private SourceOptions.TraceIdAndPaths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        // IDs are stored in lower case; one copied from a log in upper case means the same trace
        String traceId = source.traceId();
        String id = traceId.strip().toLowerCase(Locale.ROOT);
        try {
            HexIds.requireTraceId(id, "TRACE_ID");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "TRACE_ID must be 32 hex characters (upper or lower "
                    + "case), not all zeros, but was '" + TerminalText.escape(abbreviate(traceId)) + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpanFiles files = cli.open(source, err);
        SpanSearch search = new SpanSearch(files, cli.clock());
        Found<StoredSpan> found = search.trace(id);
        List<StoredSpan> spans = found.results();
        if (spans.isEmpty()) {
            Listings.skipped(found.read(), err);
            err.println("No span of trace " + id + " in " + files.display() + " (read "
                    + Listings.count(found.read().spansRead(), "span") + " in "
                    + Listings.count(found.read().filesRead(), "file") + ").");
            return ExitCode.NOTHING_MATCHED;
        }
        if (stats || criticalPath) {
            return analyse(spans, found, out, err);
        }
        switch (format) {
            case TABLE -> new Waterfall(display.style(cli.terminal()), cli.terminal().columns(), attributes).print(spans, out);
            case JSON -> new JsonOutput(out).trace(id, spans);
            case JSONL -> new JsonOutput(out).spanLines(spans);
            case OTLP -> out.println(TerminalText.escapeJson(otlp(spans)));
        }
        out.flush();
        Listings.skipped(found.read(), err);
        return ExitCode.OK;
    }

    /** {@code --stats} and/or {@code --critical-path}: tables (and the marked waterfall), or one JSON object. */
    private int analyse(List<StoredSpan> spans, Found<StoredSpan> found, PrintWriter out, PrintWriter err) {
        if (format == Format.JSONL || format == Format.OTLP) {
            throw new ParameterException(spec.commandLine(), "--stats and --critical-path print as table or json, "
                    + "not " + format.name().toLowerCase(Locale.ROOT));
        }
        List<OperationStatistics> statistics = stats ? TraceStatistics.of(spans) : null;
        List<CriticalPathSegment> path = criticalPath ? CriticalPath.of(spans) : null;
        if (format == Format.JSON) {
            new AnalysisJson(out).trace(spans, statistics, path);
        } else {
            Style style = display.style(cli.terminal());
            if (path != null) {
                new Waterfall(style, cli.terminal().columns(), attributes, path).print(spans, out);
                out.println();
                long start = spans.stream().mapToLong(StoredSpan::startEpochNanos).min().orElseThrow();
                long end = spans.stream().mapToLong(StoredSpan::endEpochNanos).max().orElseThrow();
                AnalysisTables.criticalPathSummary(path, end - start, out, style);
            }
            if (statistics != null) {
                if (path != null) {
                    out.println();
                }
                AnalysisTables.statistics(statistics, out, style, cli.terminal().tableWidth());
            }
        }
        out.flush();
        Listings.skipped(found.read(), err);
        return ExitCode.OK;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String otlp(List<StoredSpan> spans) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new OtlpJsonWriter().write(spans, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
