package dev.tracestore.cli;

import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tracestore failures}: the failed spans, newest first. */
@Command(name = "failures", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists failed spans, newest first: status ERROR, an error.type attribute, Micrometer's "
                + "exception attribute or an exception event. Takes every filter of query.",
        footer = {"",
                "Examples:",
                "  tracestore failures --lookback 1h",
                "  tracestore failures --lookback 1h --now 2026-01-05T11:00:00Z",
                "      (the hour before 11:00, say when the app died)",
                "  tracestore failures --service shop --format jsonl /var/lib/shop/trace-store"})
final class FailuresCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

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
        SpanQuery query = listing.addTo(filters.arguments().put("failed", "true")).parse(spec);
        SpanSearch search = new SpanSearch(cli.open(source, spec.commandLine().getErr()), filters.clock(cli.clock()));
        return Listings.spans(search.spans(query), listing.format, query.limit(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), display.style(cli.terminal()), cli.terminal().tableWidth());
    }
}
