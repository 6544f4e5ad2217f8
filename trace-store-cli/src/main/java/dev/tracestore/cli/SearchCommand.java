package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tracestore search '<TraceQL>'}: the traces a TraceQL query matches, with their matched spans. The files'
 * spans are read into memory once (about 1 KB a span), then the query runs as it does in the app.
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
    private QueryAndPaths source;

    @Option(names = "--from", paramLabel = "TIME", description = "Matched spans starting at or after TIME (ISO-8601).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Matched spans starting before TIME (ISO-8601).")
    private String to;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Matched spans starting within DURATION before now (e.g. 15m, 1h); not with --from/--to.")
    private String lookback;

    @Option(names = "--now", paramLabel = "TIME",
            description = "The moment --lookback counts back from (ISO-8601); default: the current time.")
    private String now;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N traces, 1 to " + SpanQuery.MAX_LIMIT + "; default: " + SpanQuery.DEFAULT_LIMIT + ".")
    private String limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or jsonl.")
    private ListingOptions.Format format;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        TraceQlQuery query;
        try {
            query = TraceQlQuery.parse(source.query);
        } catch (TraceQlException e) {
            throw new CliException(e.getMessage() + "\n  " + source.query + "\n  " + " ".repeat(e.position()) + "^");
        }
        SpanQuery window = new QueryArguments().put("from", from).put("to", to).put("lookback", lookback)
                .put("limit", limit).parse(spec);
        Clock clock = now == null ? cli.clock()
                : Clock.fixed(QueryArguments.instant(spec, now, "now"), ZoneOffset.UTC);
        Instant start = window.lookback().map(clock.instant()::minus).orElse(window.from().orElse(null));
        SpanFiles files = cli.open(source, spec.commandLine().getErr());
        long[] count = {0};
        files.read("pass 1 of 2", span -> count[0]++);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans((int) Math.max(1, Math.min(count[0],
                InMemorySpanStore.MAX_SPANS_LIMIT))).clock(clock).queryTimeout(Duration.ofMinutes(10)).build();
        long[] room = {count[0]};
        ReadResult read = files.read("pass 2 of 2", span -> {
            // spans appended after the first pass (the app may still be writing) are left out: nothing is evicted
            if (room[0]-- > 0) {
                store.add(span);
            }
        });
        TraceQlResult result;
        try {
            result = new TraceQlSearch(store, FailureRules.DEFAULT).search(query, start, window.to().orElse(null),
                    window.limit());
        } catch (TraceQlException e) {
            throw new CliException(e.getMessage());
        }
        return Listings.matchedTraces(new Found<>(result.traces(), read, result.truncatedReason()), format,
                window.limit(), spec.commandLine().getOut(), spec.commandLine().getErr(), display.style(cli.terminal()),
                cli.terminal().tableWidth());
    }

    /** The first argument is the query, the others are paths. */
    static final class QueryAndPaths extends SourceOptions {

        @Parameters(index = "0", paramLabel = "QUERY", description = "The TraceQL query, in single quotes.")
        private String query;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH",
                description = "The same as --dir; several are read as one.")
        private List<Path> paths = new ArrayList<>();

        @Override
        List<Path> arguments() {
            return paths;
        }
    }
}
