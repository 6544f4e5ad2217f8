package dev.tracestore.cli;

import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.analysis.EndpointRepeats;
import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.RepeatedCall;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The analyses as tables for people: trace statistics, the critical path's share, repeated calls of a trace and
 * per endpoint. Durations as {@link Durations#format} writes them.
 *
 * <pre>
 * SERVICE  OPERATION    COUNT     TOTAL       AVG       MIN       MAX  SELF TOTAL  SELF AVG  SELF MIN  SELF MAX
 * orders   GET /orders      1   12.0 ms   12.0 ms   12.0 ms   12.0 ms      2.1 ms    2.1 ms    2.1 ms    2.1 ms
 * </pre>
 */
final class AnalysisTables {

    private static final int NAME_WIDTH = 60;

    private AnalysisTables() {
    }

    static void statistics(List<OperationStatistics> rows, PrintWriter out, Style style, int width) {
        Table table = new Table(List.of(Table.Column.left("SERVICE", 20), Table.Column.left("OPERATION", NAME_WIDTH),
                Table.Column.right("COUNT"), Table.Column.right("TOTAL"), Table.Column.right("AVG"),
                Table.Column.right("MIN"), Table.Column.right("MAX"), Table.Column.right("SELF TOTAL"),
                Table.Column.right("SELF AVG"), Table.Column.right("SELF MIN"), Table.Column.right("SELF MAX")));
        for (OperationStatistics row : rows) {
            table.add(UnaryOperator.identity(), row.service(), row.operation(), Integer.toString(row.count()),
                    Durations.format(row.totalDurationNanos()), Durations.format(Math.round(row.avgDurationNanos())),
                    Durations.format(row.minDurationNanos()), Durations.format(row.maxDurationNanos()),
                    Durations.format(row.totalSelfNanos()), Durations.format(Math.round(row.avgSelfNanos())),
                    Durations.format(row.minSelfNanos()), Durations.format(row.maxSelfNanos()));
        }
        table.print(out, style, width);
    }

    /** One line: how much of the trace the path covers and in how many segments. */
    static void criticalPathSummary(List<CriticalPathSegment> path, long traceNanos, PrintWriter out, Style style) {
        long onPath = path.stream().mapToLong(CriticalPathSegment::durationNanos).sum();
        out.println(style.bold("Critical path") + ": " + Durations.format(onPath) + " in "
                + Listings.count(path.size(), "segment") + String.format(Locale.ROOT, " (%.1f%% of the trace)",
                traceNanos == 0 ? 0.0 : 100.0 * onPath / traceNanos) + "; █ on the path, ░ off it");
    }

    static void repeats(List<RepeatedCall> repeats, PrintWriter out, Style style, int width) {
        Table table = new Table(List.of(Table.Column.right("COUNT"), Table.Column.right("TOTAL"),
                Table.Column.left("KIND", 6), Table.Column.left("SERVICE", 20), Table.Column.left("PARENT", 40),
                Table.Column.left("OPERATION", 400)));
        for (RepeatedCall repeat : repeats) {
            table.add(UnaryOperator.identity(), Integer.toString(repeat.count()),
                    Durations.format(repeat.totalDurationNanos()), repeat.kind(), repeat.service(),
                    repeat.parentName().isEmpty() ? repeat.parentSpanId() : repeat.parentName(), repeat.operation());
        }
        table.print(out, style, width);
    }

    static void endpoints(List<EndpointRepeats> endpoints, PrintWriter out, Style style, int width) {
        Table table = new Table(List.of(Table.Column.left("SERVICE", 20), Table.Column.left("ENDPOINT", NAME_WIDTH),
                Table.Column.right("TRACES"), Table.Column.right("WITH REPEATS"), Table.Column.right("CALLS"),
                Table.Column.right("TOTAL"), Table.Column.left("EXAMPLE TRACE", 32),
                Table.Column.left("TOP OPERATION", 400)));
        for (EndpointRepeats endpoint : endpoints) {
            table.add(UnaryOperator.identity(), endpoint.service(), endpoint.endpoint(),
                    Integer.toString(endpoint.tracesExamined()), Integer.toString(endpoint.tracesWithRepeats()),
                    Long.toString(endpoint.calls()), Durations.format(endpoint.totalDurationNanos()),
                    endpoint.exampleTraceId(), endpoint.topOperation());
        }
        table.print(out, style, width);
    }
}
