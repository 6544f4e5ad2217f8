package dev.tracestore.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;

/**
 * The service and time window of an analysis ({@code ops}, {@code deps}, {@code problems}), by the names of the
 * HTTP API's parameters in kebab case; values stay text for the core's {@code AnalysisParameters}.
 */
final class AnalysisWindowOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--service", paramLabel = "NAME", description = "The resource's service.name.")
    private String service;

    @Mixin
    private TimeWindowOptions window;

    /** @return the options given, as the API's parameters */
    QueryArguments parameters() {
        return window.addTo(new QueryArguments().put("service", service));
    }

    /**
     * @param cli the command line, for the system clock
     * @return {@code --now}, or the current time
     */
    Instant now(TraceStoreCli cli) {
        return window.clock(spec, cli.clock()).instant();
    }
}
