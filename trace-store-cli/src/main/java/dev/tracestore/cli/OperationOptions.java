package dev.tracestore.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The span filters, kinds and grouping of the operations that {@code ops} and {@code problems} count. */
final class OperationOptions {

    @Option(names = "--name", paramLabel = "NAME",
            description = "The span name: 'GET /orders/{id}' (also finds Micrometer's 'http get /orders/{id}').")
    private String name;

    @Option(names = "--attr", paramLabel = "EXPR",
            description = "An attribute condition, repeatable, as in query: key=value, key>=value, key=~regex...")
    private List<String> attr = new ArrayList<>();

    @Option(names = "--min-duration", paramLabel = "DURATION", description = "Spans at least this long: 500ms, 2s.")
    private String minDuration;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "Spans at most this long.")
    private String maxDuration;

    @Option(names = "--kind", paramLabel = "KINDS",
            description = "The span kinds counted, comma-separated: server (default), client, producer, consumer, "
                    + "internal, or any.")
    private String kind;

    @Option(names = "--group-by", paramLabel = "KEYS",
            description = "Group by these keys, comma-separated: service.name,span.name (default), span.kind, or "
                    + "any attribute such as http.route (Micrometer's uri too) or db.system.")
    private String groupBy;

    /** Adds the options given to {@code parameters}, by the API's names. */
    void addTo(Map<String, List<String>> parameters) {
        AnalysisWindowOptions.put(parameters, "name", name);
        attr.forEach(value -> AnalysisWindowOptions.put(parameters, "attr", value));
        AnalysisWindowOptions.put(parameters, "minDuration", minDuration);
        AnalysisWindowOptions.put(parameters, "maxDuration", maxDuration);
        AnalysisWindowOptions.put(parameters, "kind", kind);
        AnalysisWindowOptions.put(parameters, "groupBy", groupBy);
    }
}
