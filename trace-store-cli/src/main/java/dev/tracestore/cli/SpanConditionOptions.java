package dev.tracestore.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The span conditions that both the listings ({@code query}...) and the analyses ({@code ops}, {@code problems})
 * take: name, attributes and duration bounds, with the API's camel-case duration names as hidden aliases.
 */
final class SpanConditionOptions {

    @Option(names = "--name", paramLabel = "NAME",
            description = "The span name: 'GET /orders/{id}' (also finds Micrometer's 'http get /orders/{id}'); "
                    + "in double quotes, exactly that name.")
    private String name;

    @Option(names = "--attr", paramLabel = "EXPR",
            description = "An attribute condition, repeatable: key=value, key>=value (also != > < <=), "
                    + "key=~regex, key (present) or !key (absent). A \"quoted\" value matches strings only. "
                    + "The key is looked up in the span, then its resource; a prefix picks one place: span., "
                    + "resource., event., link. or instrumentation. (event.exception.type=...).")
    private List<String> attr = new ArrayList<>();

    @Option(names = "--min-duration", paramLabel = "DURATION", description = "At least this long: 500ms, 2s, 250us.")
    private String minDuration;

    @Option(names = "--minDuration", hidden = true)
    private String minDurationAlias;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "At most this long.")
    private String maxDuration;

    @Option(names = "--maxDuration", hidden = true)
    private String maxDurationAlias;

    /** @return {@code arguments} with the conditions given; an option and its alias both given is "given twice" */
    QueryArguments addTo(QueryArguments arguments) {
        return arguments.put("name", name)
                .putAll("attr", attr)
                .put("minDuration", minDuration)
                .put("minDuration", minDurationAlias)
                .put("maxDuration", maxDuration)
                .put("maxDuration", maxDurationAlias);
    }
}
