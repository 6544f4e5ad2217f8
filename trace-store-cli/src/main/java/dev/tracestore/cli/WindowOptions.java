package dev.tracestore.cli;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.ListingParameters;
import dev.tracestore.core.store.Listing;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.ZoneOffset;

/** The time window and output format of the listing commands ({@code services}, {@code operations}...). */
final class WindowOptions {

    /** How a listing is printed. */
    enum Format {
        /** Columns with a header. */
        TABLE,
        /** One JSON object. */
        JSON
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--from", paramLabel = "TIME", description = "Count spans that start at or after this ISO-8601 time.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Count spans that start before this ISO-8601 time.")
    private String to;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Count spans that started within this long before --now: 15m, 2h, 1d, PT2H.")
    private String lookback;

    @Option(names = "--now", paramLabel = "TIME",
            description = "The moment --lookback counts back from (ISO-8601); default: the current time.")
    private String now;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    Format format;

    /** @return the window; a bad value is a usage error naming its option */
    Listing.Window window() {
        try {
            return ListingParameters.window(from, to, lookback);
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), QueryArguments.message(e));
        }
    }

    /** @return a clock fixed at {@code --now}, or {@code system} */
    Clock clock(Clock system) {
        return now == null ? system : Clock.fixed(QueryArguments.instant(spec, now, "now"), ZoneOffset.UTC);
    }
}
