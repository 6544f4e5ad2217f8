package dev.tracestore.cli;

import picocli.CommandLine.Command;

/** {@code tracestore failures}: the failed spans, newest first. */
@Command(name = "failures", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists failed spans, newest first: status ERROR, an error.type attribute, Micrometer's "
                + "exception attribute or an exception event. Takes every filter of query.",
        footer = {"",
                "Examples:",
                "  tracestore failures --lookback 1h",
                "  tracestore failures --lookback 1h --now 2026-01-05T11:00:00Z",
                "      (the hour before 11:00, say when the app died)",
                "  tracestore failures --service shop --format jsonl /var/lib/shop/trace-store"})
final class FailuresCommand extends SpanListingCommand {

    @Override
    public Integer call() {
        return spans(filters.arguments().put("failed", "true"));
    }
}
