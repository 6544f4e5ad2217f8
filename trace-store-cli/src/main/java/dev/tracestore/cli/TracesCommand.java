package dev.tracestore.cli;

import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tracestore traces}: summaries of the traces with a matching span. */
@Command(name = "traces", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists traces, newest first: those with at least one span that matches every filter, "
                + "with their duration, span and error counts, root span and services. --limit counts traces.",
        footer = {"",
                "Examples:",
                "  tracestore traces --lookback 1h",
                "  tracestore traces --name 'GET /orders/{id}' --min-trace-duration 1s",
                "  tracestore traces --failed --service shop --format json"})
final class TracesCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private FilterOptions filters;

    @Option(names = "--min-trace-duration", paramLabel = "DURATION",
            description = "Traces at least this long, from their first span's start to their last span's end.")
    private String minTraceDuration;

    @Option(names = "--minTraceDuration", hidden = true)
    private String minTraceDurationAlias;

    @Option(names = "--max-trace-duration", paramLabel = "DURATION", description = "Traces at most this long.")
    private String maxTraceDuration;

    @Option(names = "--maxTraceDuration", hidden = true)
    private String maxTraceDurationAlias;

    @Mixin
    private ListingOptions listing;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        SpanQuery query = listing.addTo(filters.arguments()
                .put("minTraceDuration", minTraceDuration)
                .put("minTraceDuration", minTraceDurationAlias)
                .put("maxTraceDuration", maxTraceDuration)
                .put("maxTraceDuration", maxTraceDurationAlias)).parse(spec);
        TraceSearch search = new TraceSearch(cli.open(source, spec.commandLine().getErr()), filters.clock(cli.clock()));
        return Listings.traces(search.traces(query), listing.format, query.limit(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), display.style(cli.terminal()), cli.terminal().tableWidth());
    }
}
