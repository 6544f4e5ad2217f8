package dev.tracestore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tracestore errors --type TYPE}: the spans that failed with one error type. */
@Command(name = "errors", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists the spans with one error type, newest first: the error.type attribute, Micrometer's "
                + "exception attribute, or the exception.type of an exception event. Takes every filter of query.",
        footer = {"",
                "Examples:",
                "  tracestore errors --type java.net.SocketTimeoutException",
                "  tracestore errors --type 500 --service shop --lookback 1d",
                "  tracestore errors --type java.lang.IllegalStateException --format json"})
final class ErrorsCommand extends SpanListingCommand {

    /** Listed before the filters: it is what the command is about. */
    @Option(names = "--type", required = true, paramLabel = "TYPE", order = -2,
            description = "The error type, such as java.net.SocketTimeoutException (the same as --error-type).")
    private String type;

    @Override
    public Integer call() {
        return spans(filters.arguments().put("errorType", type));
    }
}
