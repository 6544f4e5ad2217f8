package dev.tracestore.cli;

import dev.tracestore.core.query.TraceSummary;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.tracestore.cli.Table.Column.left;
import static dev.tracestore.cli.Table.Column.right;

/** Trace summaries as a table, one trace per line, traces with failed spans in red on a colour terminal. */
final class TraceTable {

    private TraceTable() {
    }

    static void print(List<TraceSummary> traces, PrintWriter out, Style style, int lineWidth) {
        Table table = new Table(List.of(left("START (UTC)", 24), right("DURATION"), right("SPANS"), right("ERRORS"),
                left("ROOT SERVICE", 24), left("ROOT NAME", 48), left("TRACE ID", 32), left("SERVICES", 80)));
        for (TraceSummary trace : traces) {
            UnaryOperator<String> rowStyle = trace.errorCount() > 0 ? style::red : UnaryOperator.identity();
            table.add(rowStyle, Durations.time(trace.startEpochNanos()), Durations.format(trace.durationNanos()),
                    Integer.toString(trace.spanCount()), Integer.toString(trace.errorCount()), trace.rootService(),
                    trace.rootName(), trace.traceId(), String.join(", ", trace.services()));
        }
        table.print(out, style, lineWidth);
    }
}
