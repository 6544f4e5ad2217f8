package dev.tracestore.cli;

import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tracestore errors --type TYPE}: the spans that failed with one error type. */
@Command(name = "errors", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists the spans with one error type, newest first: the error.type attribute, Micrometer's "
                + "exception attribute, or the exception.type of an exception event. Takes every filter of query.",
        footer = {"",
                "Examples:",
                "  tracestore errors --type java.net.SocketTimeoutException",
                "  tracestore errors --type 500 --service shop --lookback 1d",
                "  tracestore errors --type java.lang.IllegalStateException --format json"})
final class ErrorsCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--type", required = true, paramLabel = "TYPE", order = -1,
            description = "The error type, such as java.net.SocketTimeoutException (the same as --error-type).")
    private String type;

    @Mixin
    private FilterOptions filters;

    @Mixin
    private ListingOptions listing;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        SpanQuery query = listing.addTo(filters.arguments().put("errorType", type)).parse(spec);
        SpanSearch search = new SpanSearch(cli.open(source, spec.commandLine().getErr()), filters.clock(cli.clock()));
        return Listings.spans(search.spans(query), listing.format, query.limit(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), display.style(cli.terminal()), cli.terminal().tableWidth());
    }
}
