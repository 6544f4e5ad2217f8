package dev.tracestore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * {@code --from}, {@code --to}, {@code --lookback} and {@code --now}: the time window of every command that has one,
 * by the names of the HTTP API's parameters. Values stay text for the core's parsers.
 *
 * <pre>{@code
 * @Mixin
 * private TimeWindowOptions window;
 * ...
 * SpanQuery query = window.addTo(new QueryArguments()).parse(spec);
 * }</pre>
 */
final class TimeWindowOptions {

    @Option(names = "--from", paramLabel = "TIME",
            description = "Spans that start at or after this ISO-8601 time: 2026-01-05T10:00:00Z.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Spans that start before this ISO-8601 time.")
    private String to;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Spans that started within this long before --now: 15m, 2h, 1d, PT2H; not with --from or "
                    + "--to.")
    private String lookback;

    @Option(names = "--now", paramLabel = "TIME",
            description = "The moment --lookback counts back from (ISO-8601); default: the current time. Set it to "
                    + "when the app stopped to ask about old files.")
    private String now;

    /** @return {@code arguments} with the window given */
    QueryArguments addTo(QueryArguments arguments) {
        return arguments.put("from", from).put("to", to).put("lookback", lookback);
    }

    String from() {
        return from;
    }

    String to() {
        return to;
    }

    String lookback() {
        return lookback;
    }

    /**
     * @param spec the command, for the usage error of a bad {@code --now}
     * @param system the clock to use when {@code --now} is not given
     * @return a clock fixed at {@code --now}, or {@code system}
     */
    Clock clock(CommandSpec spec, Clock system) {
        return now == null ? system : Clock.fixed(QueryArguments.instant(spec, now, "now"), ZoneOffset.UTC);
    }
}
