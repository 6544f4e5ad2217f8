package dev.tracestore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The span filters of the HTTP API, by the same names in kebab case. The API's camel-case names work too, as
 * hidden aliases, so that a query can be copied from a URL; giving both is "given twice", as over HTTP. Values
 * stay text: the core's {@code QueryParameters} reads them, so the CLI accepts exactly what the API accepts.
 */
final class FilterOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Spans of this trace only.")
    private String traceId;

    @Option(names = "--traceId", hidden = true)
    private String traceIdAlias;

    @Option(names = "--service", paramLabel = "NAME", description = "The resource's service.name.")
    private String service;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The span name: 'GET /orders/{id}' (also finds Micrometer's 'http get /orders/{id}'); "
                    + "in double quotes, exactly that name.")
    private String name;

    @Option(names = "--kind", paramLabel = "KIND", description = "server, client, internal, producer or consumer.")
    private String kind;

    @Option(names = "--status", paramLabel = "STATUS", description = "The status code: error, ok or unset.")
    private String status;

    @Option(names = "--error-type", paramLabel = "TYPE",
            description = "An error type, qualified or simple: error.type, Micrometer's exception, or an exception "
                    + "event's exception.type.")
    private String errorType;

    @Option(names = "--errorType", hidden = true)
    private String errorTypeAlias;

    @Option(names = "--failed", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Only failed spans (status ERROR, error.type, exception, outcome=SERVER_ERROR, an exception "
                    + "event; not a static-resource 404).")
    private String failed;

    @Option(names = "--attr", paramLabel = "EXPR",
            description = "An attribute condition, repeatable: key=value, key>=value (also != > < <=), "
                    + "key=~regex, key (present) or !key (absent). A \"quoted\" value matches strings only. "
                    + "The key is looked up in the span, then its resource; span.key or resource.key picks one.")
    private List<String> attr = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME",
            description = "Spans that start at or after this ISO-8601 time: 2026-01-05T10:00:00Z.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Spans that start before this ISO-8601 time.")
    private String to;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Spans that started within this long before --now: 15m, 2h, 1d, PT2H.")
    private String lookback;

    @Option(names = "--min-duration", paramLabel = "DURATION", description = "At least this long: 500ms, 2s, 250us.")
    private String minDuration;

    @Option(names = "--minDuration", hidden = true)
    private String minDurationAlias;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "At most this long.")
    private String maxDuration;

    @Option(names = "--maxDuration", hidden = true)
    private String maxDurationAlias;

    @Option(names = "--now", paramLabel = "TIME",
            description = "The moment --lookback counts back from (ISO-8601); default: the current time. Set it to "
                    + "when the app stopped to ask about old files.")
    private String now;

    /** @return the filters as parameters for the core's parser */
    QueryArguments arguments() {
        return new QueryArguments()
                .put("traceId", traceId)
                .put("traceId", traceIdAlias)
                .put("service", service)
                .put("name", name)
                .put("kind", kind)
                .put("status", status)
                .put("errorType", errorType)
                .put("errorType", errorTypeAlias)
                .put("failed", failed)
                .putAll("attr", attr)
                .put("from", from)
                .put("to", to)
                .put("lookback", lookback)
                .put("minDuration", minDuration)
                .put("minDuration", minDurationAlias)
                .put("maxDuration", maxDuration)
                .put("maxDuration", maxDurationAlias);
    }

    /**
     * @param system the clock to use when {@code --now} is not given
     * @return a clock fixed at {@code --now}, or {@code system}
     */
    Clock clock(Clock system) {
        return now == null ? system : Clock.fixed(QueryArguments.instant(spec, now, "now"), ZoneOffset.UTC);
    }
}
