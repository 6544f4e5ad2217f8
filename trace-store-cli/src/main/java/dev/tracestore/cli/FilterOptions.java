package dev.tracestore.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;

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

    @Mixin
    private SpanConditionOptions conditions;

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

    @Mixin
    private TimeWindowOptions window;

    /** @return the filters as parameters for the core's parser */
    QueryArguments arguments() {
        QueryArguments arguments = new QueryArguments()
                .put("traceId", traceId)
                .put("traceId", traceIdAlias)
                .put("service", service)
                .put("kind", kind)
                .put("status", status)
                .put("errorType", errorType)
                .put("errorType", errorTypeAlias)
                .put("failed", failed);
        return window.addTo(conditions.addTo(arguments));
    }

    /**
     * @param system the clock to use when {@code --now} is not given
     * @return a clock fixed at {@code --now}, or {@code system}
     */
    Clock clock(Clock system) {
        return window.clock(spec, system);
    }
}
