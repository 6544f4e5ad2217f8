package dev.tracestore.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The span filters, kinds and grouping of the operations that {@code ops} and {@code problems} count. */
final class OperationOptions {

    @Mixin
    private SpanConditionOptions conditions;

    @Option(names = "--kind", paramLabel = "KINDS",
            description = "The span kinds counted, comma-separated: server (default), client, producer, consumer, "
                    + "internal, or any.")
    private String kind;

    @Option(names = "--group-by", paramLabel = "KEYS",
            description = "Group by these keys, comma-separated: service.name,span.name (default), span.kind, or "
                    + "any attribute such as http.route (Micrometer's uri too) or db.system.")
    private String groupBy;

    /** @return {@code parameters} with the options given, by the API's names */
    QueryArguments addTo(QueryArguments parameters) {
        return conditions.addTo(parameters).put("kind", kind).put("groupBy", groupBy);
    }
}
