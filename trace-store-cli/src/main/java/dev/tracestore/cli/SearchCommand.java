package dev.tracestore.cli;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.traceql.TraceQlException;
import dev.tracestore.core.traceql.TraceQlQuery;
import dev.tracestore.core.traceql.TraceQlResult;
import dev.tracestore.core.traceql.TraceQlSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tracestore search '<TraceQL>'}: the traces a TraceQL query matches, with their matched spans. The newest
 * {@code --max-spans} spans of the files are read into memory ({@link NewestSpans}), then the query runs as it does
 * in the app; the answer says when older spans were left out.
 */
@Command(name = "search", sortOptions = false, abbreviateSynopsis = true,
        description = "Finds traces with a TraceQL query (the subset in docs/queries.md), newest first, with the "
                + "spans that matched. --limit counts traces.",
        footer = {"",
                "Examples:",
                "  tracestore search '{ status = error }'",
                "  tracestore search '{ resource.service.name = \"shop\" } >> { span.db.system = \"h2\" && status = error }'",
                "  tracestore search '{ status = error } | by(resource.service.name) | count() > 1' --lookback 1h",
                "  tracestore search '{ name = \"http get /orders/{id}\" && duration > 500ms }' --format json"})
final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    private TraceStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions.QueryAndPaths source;

    @Mixin
    private TimeWindowOptions window;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N traces, 1 to " + SpanQuery.MAX_LIMIT + "; default: " + SpanQuery.DEFAULT_LIMIT + ".")
    private String limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or jsonl.")
    private ListingOptions.Format format;

    @Option(names = "--max-spans", paramLabel = "N", defaultValue = "" + InMemorySpanStore.Builder.DEFAULT_MAX_SPANS,
            description = "Search the newest N spans of the files (by start time, about 1 KB of memory each), as the "
                    + "app's tracestore.max-spans bounds its store; the answer says when older ones were left out. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int maxSpans;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        TraceQlQuery query;
        try {
            query = TraceQlQuery.parse(source.query());
        } catch (TraceQlException e) {
            throw new CliException(e.getMessage() + "\n  " + source.query() + "\n  " + " ".repeat(e.position()) + "^");
        }
        if (maxSpans < 1 || maxSpans > InMemorySpanStore.MAX_SPANS_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--max-spans must be from 1 to "
                    + InMemorySpanStore.MAX_SPANS_LIMIT + ", but was " + maxSpans);
        }
        SpanQuery bounds = window.addTo(new QueryArguments()).put("limit", limit).parse(spec);
        Clock clock = window.clock(spec, cli.clock());
        NewestSpans.Loaded loaded = NewestSpans.load(cli.open(source, spec.commandLine().getErr()), maxSpans, clock);
        TraceQlSearch search = new TraceQlSearch(loaded.store(), FailureRules.DEFAULT);
        TraceQlResult result;
        try {
            // --lookback is [now - lookback, now] on the store's clock (--now or the system's), as the endpoint's
            result = bounds.lookback().isPresent()
                    ? search.search(query, bounds.lookback().get(), bounds.limit(), loaded.store().startQuery())
                    : search.search(query, bounds.from().orElse(null), bounds.to().orElse(null), bounds.limit());
        } catch (TraceQlException e) {
            throw new CliException(e.getMessage());
        }
        String partial = Stream.of(result.truncatedReason(), loaded.leftOut()).filter(Objects::nonNull)
                .reduce((first, second) -> first + "; " + second).orElse(null);
        return Listings.matchedTraces(new Found<>(result.traces(), loaded.read(), partial), format,
                bounds.limit(), spec.commandLine().getOut(), spec.commandLine().getErr(), display.style(cli.terminal()),
                cli.terminal().tableWidth());
    }
}
