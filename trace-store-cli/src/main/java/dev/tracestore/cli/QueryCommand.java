package dev.tracestore.cli;

import picocli.CommandLine.Command;

/** {@code tracestore query}: spans matching every filter of the HTTP API. */
@Command(name = "query", sortOptions = false, abbreviateSynopsis = true,
        description = "Lists the spans that match every filter, newest first. The filters are those of the "
                + "HTTP API (GET /actuator/traces), by the same names.",
        footer = {"",
                "Durations: 250ms, 2s, 15m, 2h, 1d, 500us, 100ns or ISO-8601 (PT2H). Times: ISO-8601, "
                        + "2026-01-05T10:00:00Z or with an offset.",
                "",
                "Examples:",
                "  tracestore query --name 'GET /orders/{id}' --min-duration 500ms",
                "  tracestore query --attr 'http.response.status_code>=500' --lookback 2h",
                "  tracestore query --attr 'tenant.id=\"42\"' --attr 'http.route=~/orders/.*'",
                "  tracestore query --kind client --order longest --limit 10 /var/lib/shop",
                "  tracestore query --from 2026-01-05T10:00:00Z --to 2026-01-05T10:05:00Z",
                "  tracestore query --service shop --format jsonl | jq -r .name"})
final class QueryCommand extends SpanListingCommand {

    @Override
    public Integer call() {
        return spans(filters.arguments());
    }
}
