package dev.tracestore.cli;

import dev.tracestore.core.analysis.RepeatedCall;
import dev.tracestore.core.analysis.RepeatedCallDetector;
import dev.tracestore.core.analysis.RepeatedCallsByEndpoint;
import dev.tracestore.core.analysis.RepeatedCallsReport;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tracestore repeats}: repeated calls (N+1) per endpoint over the traces that match the filters, or the runs of
 * one trace with {@code --trace-id}.
 */
@Command(name = "repeats", sortOptions = false, abbreviateSynopsis = true,
        description = "Finds repeated calls (N+1): sibling spans making the same database statement (literals "
                + "replaced) or client call one after the other, at least --min-count times. Lists the endpoints "
                + "(root operations) whose traces show them most often, over the traces that match the filters "
                + "(newest first, --limit traces); with --trace-id, the runs of that trace.",
        footer = {"",
                "Examples:",
                "  tracestore repeats --lookback 1h",
                "  tracestore repeats --service orders --min-count 10 --format json",
                "  tracestore repeats --trace-id 4bf92f3577b34da6a3ce929d0e0e4736"})
final class RepeatsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private FilterOptions filters;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "5",
            description = "The fewest calls a run needs, at least 2; default: 5.")
    private int minCount;

    @Option(names = "--min-total-duration", paramLabel = "DURATION", defaultValue = "0ms",
            description = "The least total duration of a run's calls: 5ms, 1s; default: 0ms.")
    private String minTotalDuration;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N traces examined, 1 to " + SpanQuery.MAX_LIMIT + "; default: "
                    + SpanQuery.DEFAULT_LIMIT + ".")
    private String limit;

    @Option(names = "--order", paramLabel = "ORDER", description = "Which traces first: newest (default), oldest or "
            + "longest.")
    private String order;

    @Mixin
    private TableOrJson format;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        SpanQuery query = filters.arguments().put("limit", limit).put("order", order).parse(spec);
        RepeatedCallDetector detector = detector();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpanFiles files = cli.open(source, err);
        Clock clock = filters.clock(cli.clock());
        Found<TraceSummary> found = new TraceSearch(files, clock).traces(query);
        if (found.results().isEmpty()) {
            Listings.skipped(found.read(), err);
            err.println("No trace matches in " + files.display() + ".");
            return ExitCode.NOTHING_MATCHED;
        }
        InMemorySpanStore store = load(files, clock, found.results());
        Style style = display.style(cli.terminal());
        int width = cli.terminal().tableWidth();
        if (query.traceId().isPresent()) {
            List<StoredSpan> trace = store.getTrace(query.traceId().get());
            List<RepeatedCall> repeats = detector.find(trace);
            if (format.json()) {
                new AnalysisJson(out).repeats(trace, repeats);
            } else if (repeats.isEmpty()) {
                out.println("No repeated calls in trace " + query.traceId().get() + ".");
            } else {
                AnalysisTables.repeats(repeats, out, style, width);
            }
        } else {
            RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store, query, detector, store.startQuery());
            if (format.json()) {
                new AnalysisJson(out).endpoints(report);
            } else {
                out.println("Repeated calls in " + Listings.count(report.tracesExamined(), "trace") + ":");
                AnalysisTables.endpoints(report.endpoints(), out, style, width);
            }
            if (report.partial()) {
                err.println("Stopped early: " + report.truncatedReason());
            }
        }
        out.flush();
        Listings.skipped(found.read(), err);
        return ExitCode.OK;
    }

    private RepeatedCallDetector detector() {
        if (minCount < 2) {
            throw new ParameterException(spec.commandLine(), "--min-count must be at least 2, but was " + minCount);
        }
        try {
            return new RepeatedCallDetector(minCount, QueryParameters.duration(minTotalDuration, "--min-total-duration"));
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Reads the spans of the found traces once more, into a store that holds just them. */
    private static InMemorySpanStore load(SpanFiles files, Clock clock, List<TraceSummary> traces) {
        Map<String, int[]> room = new HashMap<>();
        int spans = 0;
        for (TraceSummary trace : traces) {
            room.put(trace.traceId(), new int[] {trace.spanCount()});
            spans += trace.spanCount();
        }
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(spans).clock(clock)
                .queryTimeout(Duration.ofMinutes(10)).build();
        files.read("analysing", span -> {
            int[] left = room.get(span.traceId());
            // Spans appended since the search (the app may still be writing) are left out: the store never evicts.
            if (left != null && left[0]-- > 0) {
                store.add(span);
            }
        });
        return store;
    }
}
