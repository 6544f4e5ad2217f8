package dev.tracestore.cli;

import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.traceql.MatchedSpan;
import dev.tracestore.core.traceql.MatchedTrace;
import dev.tracestore.core.traceql.Spanset;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static dev.tracestore.cli.Table.Column.left;
import static dev.tracestore.cli.Table.Column.right;

/**
 * What a TraceQL search matched, as a table: one line per spanset (one per trace unless the query groups with
 * {@code by(...)}), with the trace's summary and the matched spans' names; traces with failed spans in red.
 */
final class MatchedTraceTable {

    private MatchedTraceTable() {
    }

    static void print(List<MatchedTrace> traces, PrintWriter out, Style style, int lineWidth) {
        Table table = new Table(List.of(left("START (UTC)", 24), right("DURATION"), right("SPANS"), right("ERRORS"),
                left("ROOT SERVICE", 24), left("ROOT NAME", 40), left("TRACE ID", 32), right("MATCHED"),
                left("MATCHED SPANS", 80)));
        for (MatchedTrace trace : traces) {
            TraceSummary summary = trace.summary();
            UnaryOperator<String> rowStyle = summary.errorCount() > 0 ? style::red : UnaryOperator.identity();
            for (Spanset spanset : trace.spansets()) {
                table.add(rowStyle, Durations.time(summary.startEpochNanos()), Durations.format(summary.durationNanos()),
                        Integer.toString(summary.spanCount()), Integer.toString(summary.errorCount()),
                        summary.rootService(), summary.rootName(), summary.traceId(),
                        Integer.toString(spanset.spans().size()), describe(spanset));
            }
        }
        table.print(out, style, lineWidth);
    }

    private static String describe(Spanset spanset) {
        String names = spanset.spans().stream().map(MatchedTraceTable::describe).collect(Collectors.joining(", "));
        if (spanset.groupedBy().isEmpty()) {
            return names;
        }
        return spanset.groupedBy().entrySet().stream().map(MatchedTraceTable::label)
                .collect(Collectors.joining(" ", "[", "] ")) + names;
    }

    private static String describe(MatchedSpan matched) {
        String name = matched.span().name();
        if (matched.selected().isEmpty()) {
            return name;
        }
        return name + matched.selected().entrySet().stream().map(MatchedTraceTable::label)
                .collect(Collectors.joining(" ", " (", ")"));
    }

    private static String label(Map.Entry<String, Object> entry) {
        return entry.getKey() + "=" + entry.getValue();
    }
}
