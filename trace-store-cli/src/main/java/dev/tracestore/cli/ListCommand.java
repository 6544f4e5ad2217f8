package dev.tracestore.cli;

import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.ListingParameters;
import dev.tracestore.core.store.Listing;
import dev.tracestore.core.store.StreamedListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code tracestore list services|operations|keys|values}: what the span files hold, so that a query need not guess
 * names. Reads every span once and keeps only the counts, like {@code stats}.
 */
@Command(name = "list", sortOptions = false,
        description = "Lists what the span files hold, each with its span count: services, a service's operations "
                + "(span names with kinds), attribute keys per scope (span, resource, event, link, instrumentation) "
                + "with their types, or the most frequent values of a key.",
        subcommands = {ListCommand.Services.class, ListCommand.Operations.class, ListCommand.Keys.class,
                ListCommand.Values.class},
        footer = {"",
                "Examples:",
                "  tracestore list services",
                "  tracestore list operations shop --lookback 1h",
                "  tracestore list keys --scope event",
                "  tracestore list values http.route --prefix /orders --limit 5",
                "  tracestore list values event.exception.type --format json"})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    TraceStoreCli cli;

    @Spec
    private CommandSpec self;

    @Mixin
    private DisplayOptions display;

    @Override
    public Integer call() {
        throw new ParameterException(self.commandLine(), "Missing what to list: services, operations, keys or values");
    }

    /** What every listing has: the window, the format, the display options, and the one read. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        private ListCommand list;
        @Spec
        CommandSpec spec;
        @Mixin
        private WindowOptions window;
        @Mixin
        private DisplayOptions display;

        /** Reads the spans of the window and hands the counts to {@code print}. */
        int list(SourceOptions source, String valueKey, Printer print) {
            TraceStoreCli cli = list.cli;
            StreamedListing listing = new StreamedListing(window.window(), window.clock(cli.clock()), valueKey);
            cli.open(source, spec.commandLine().getErr()).read("", listing::add);
            ListingOutput output = new ListingOutput(spec.commandLine().getOut(), window.format.json(),
                    display.style(cli.terminal()), cli.terminal().tableWidth());
            if (!print.print(listing, output)) {
                spec.commandLine().getErr().println("Nothing to list in " + String.join(", ",
                        source.paths().stream().map(SpanFiles::display).toList()) + ".");
                return ExitCode.NOTHING_MATCHED;
            }
            return ExitCode.OK;
        }

        /** @see QueryArguments#read */
        <T> T option(Supplier<T> parse) {
            return QueryArguments.read(spec, parse);
        }
    }

    /** Prints a listing. @return whether it listed anything */
    interface Printer {
        boolean print(StreamedListing listing, ListingOutput output);
    }

    @Command(name = "services", description = "The services, each with its span count.")
    static final class Services extends Subcommand {
        @Mixin
        private SourceOptions.Paths source;

        @Override
        public Integer call() {
            return list(source, null, (listing, output) -> {
                List<Listing.Service> services = listing.services();
                output.services(services);
                return !services.isEmpty();
            });
        }
    }

    @Command(name = "operations", description = "The operations of a service: span names with their kinds and "
            + "span counts.")
    static final class Operations extends Subcommand {
        @Mixin
        private SourceOptions.NameAndPaths source;

        @Override
        public Integer call() {
            return list(source, null, (listing, output) -> {
                List<Listing.Operation> operations = listing.operations(source.name());
                output.operations(source.name(), operations);
                return !operations.isEmpty();
            });
        }
    }

    @Command(name = "keys", description = "The attribute keys per scope, with the types of their values and span "
            + "counts; search one with --attr <scope>.<key>=...")
    static final class Keys extends Subcommand {
        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "span, resource, event, link, instrumentation or all (the default).")
        private String scope;
        @Mixin
        private SourceOptions.Paths source;

        @Override
        public Integer call() {
            AttributeFilter.Scope chosen = option(() -> ListingParameters.scope(scope));
            return list(source, null, (listing, output) -> {
                List<Listing.Key> keys = listing.keys(chosen);
                output.keys(keys);
                return !keys.isEmpty();
            });
        }
    }

    @Command(name = "values", description = "The most frequent values of an attribute key (span and resource "
            + "attributes, or the scope its prefix names: event.exception.type), most spans first.")
    static final class Values extends Subcommand {
        @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "",
                description = "Only values that start with this text.")
        private String prefix;
        @Option(names = "--limit", paramLabel = "N", description = "At most this many values; default 10.")
        private String limit;
        @Mixin
        private SourceOptions.NameAndPaths source;

        @Override
        public Integer call() {
            int most = option(() -> ListingParameters.limit(limit, ListingParameters.DEFAULT_VALUE_LIMIT));
            return list(source, source.name(), (listing, output) -> {
                List<Listing.Value> values = listing.values(prefix, most);
                output.values(source.name(), values);
                return !values.isEmpty();
            });
        }
    }
}
