package dev.tracestore.cli;

import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * What {@code query}, {@code failures}, {@code errors} and {@code traces} share: the filters of the HTTP API, then
 * the command's own options, then format, limit and order, the paths and the display options; and the search.
 */
abstract class SpanListingCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    FilterOptions filters;

    @Mixin
    private ListingOptions listing;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    /**
     * @param arguments the filters and what the command adds to them
     * @return the exit code, after printing the best spans of every file
     */
    int spans(QueryArguments arguments) {
        SpanQuery query = listing.addTo(arguments).parse(spec);
        SpanSearch search = new SpanSearch(cli.open(source, spec.commandLine().getErr()), filters.clock(cli.clock()));
        return Listings.spans(search.spans(query), listing.format, query.limit(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), display.style(cli.terminal()), cli.terminal().tableWidth());
    }

    /**
     * @param arguments the filters and what the command adds to them
     * @return the exit code, after printing the summaries of the best traces with a matching span
     */
    int traces(QueryArguments arguments) {
        SpanQuery query = listing.addTo(arguments).parse(spec);
        TraceSearch search = new TraceSearch(cli.open(source, spec.commandLine().getErr()), filters.clock(cli.clock()));
        return Listings.traces(search.traces(query), listing.format, query.limit(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), display.style(cli.terminal()), cli.terminal().tableWidth());
    }
}
