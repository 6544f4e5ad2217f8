package dev.tracestore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service and time window of an analysis ({@code ops}, {@code deps}, {@code problems}), by the names of the
 * HTTP API's parameters in kebab case; values stay text for the core's {@code AnalysisParameters}.
 */
final class AnalysisWindowOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--service", paramLabel = "NAME", description = "The resource's service.name.")
    private String service;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Spans that start at or after this ISO-8601 time: 2026-01-05T10:00:00Z.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Spans that start before this ISO-8601 time.")
    private String to;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Spans that started within this long before --now: 15m, 2h, 1d, PT2H.")
    private String lookback;

    @Option(names = "--now", paramLabel = "TIME",
            description = "The moment --lookback counts back from (ISO-8601); default: the current time.")
    private String now;

    /** @return the options given, as the API's parameters */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "service", service);
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "lookback", lookback);
        return parameters;
    }

    static void put(Map<String, List<String>> parameters, String name, String value) {
        if (value != null) {
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
    }

    /**
     * @param system the clock to use when {@code --now} is not given
     * @return a clock fixed at {@code --now}, or {@code system}
     */
    Clock clock(Clock system) {
        return now == null ? system : Clock.fixed(QueryArguments.instant(spec, now, "now"), ZoneOffset.UTC);
    }
}
