package dev.tracestore.cli;

import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Option;

/** How a listing is printed: format, how many results and in which order. */
final class ListingOptions {

    /** The formats of a listing. */
    enum Format {
        /** Aligned columns for people. */
        TABLE,
        /** One indented JSON array. */
        JSON,
        /** One compact JSON object per line, for jq and scripts. */
        JSONL
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", order = DisplayOptions.OUTPUT_ORDER,
            description = "table (default), json or jsonl.")
    Format format;

    @Option(names = "--limit", paramLabel = "N", order = DisplayOptions.OUTPUT_ORDER,
            description = "At most N results, 1 to " + SpanQuery.MAX_LIMIT + "; default: " + SpanQuery.DEFAULT_LIMIT + ".")
    private String limit;

    @Option(names = "--order", paramLabel = "ORDER", order = DisplayOptions.OUTPUT_ORDER,
            description = "newest (default), oldest or longest.")
    private String order;

    /**
     * @param arguments the query so far
     * @return {@code arguments} with the limit and order
     */
    QueryArguments addTo(QueryArguments arguments) {
        return arguments.put("limit", limit).put("order", order);
    }
}
