package dev.tracestore.cli;

import dev.tracestore.core.query.ListingParameters;
import dev.tracestore.core.store.Listing;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;

/** The time window and output format of the listing commands ({@code services}, {@code operations}...). */
final class WindowOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Mixin
    private TimeWindowOptions window;

    @Mixin
    TableOrJson format;

    /** @return the window; a bad value is a usage error naming its option */
    Listing.Window window() {
        return QueryArguments.read(spec, () -> ListingParameters.window(window.from(), window.to(), window.lookback()));
    }

    /** @return a clock fixed at {@code --now}, or {@code system} */
    Clock clock(Clock system) {
        return window.clock(spec, system);
    }
}
