package dev.tracestore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tracestore traces}: summaries of the traces with a matching span. */
@Command(name = "traces", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists traces, newest first: those with at least one span that matches every filter, "
                + "with their duration, span and error counts, root span and services. --limit counts traces.",
        footer = {"",
                "Examples:",
                "  tracestore traces --lookback 1h",
                "  tracestore traces --name 'GET /orders/{id}' --min-trace-duration 1s",
                "  tracestore traces --failed --service shop --format json"})
final class TracesCommand extends SpanListingCommand {

    @Option(names = "--min-trace-duration", paramLabel = "DURATION",
            description = "Traces at least this long, from their first span's start to their last span's end.")
    private String minTraceDuration;

    @Option(names = "--minTraceDuration", hidden = true)
    private String minTraceDurationAlias;

    @Option(names = "--max-trace-duration", paramLabel = "DURATION", description = "Traces at most this long.")
    private String maxTraceDuration;

    @Option(names = "--maxTraceDuration", hidden = true)
    private String maxTraceDurationAlias;

    @Override
    public Integer call() {
        return traces(filters.arguments()
                .put("minTraceDuration", minTraceDuration)
                .put("minTraceDuration", minTraceDurationAlias)
                .put("maxTraceDuration", maxTraceDuration)
                .put("maxTraceDuration", maxTraceDurationAlias));
    }
}
