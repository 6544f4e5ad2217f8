package dev.tracestore.cli;

import dev.tracestore.core.analysis.DependencyLink;
import dev.tracestore.core.analysis.ExceptionSeen;
import dev.tracestore.core.analysis.OperationRed;
import dev.tracestore.core.analysis.RedBucket;
import dev.tracestore.core.analysis.RedFigures;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The analyses as tables: one row per operation (or per operation and bucket), link, or error type. */
final class OperationsTables {

    private static final int MAX_GROUP_WIDTH = 60;

    private final PrintWriter out;
    private final Style style;
    private final int lineWidth;

    OperationsTables(PrintWriter out, Style style, int lineWidth) {
        this.out = out;
        this.style = style;
        this.lineWidth = lineWidth;
    }

    /** Prints operations; with buckets, one row per operation and bucket. */
    void operations(List<String> groupBy, List<OperationRed> operations, boolean buckets) {
        List<Table.Column> columns = new ArrayList<>();
        groupBy.forEach(key -> columns.add(Table.Column.left(key, MAX_GROUP_WIDTH)));
        if (buckets) {
            columns.add(Table.Column.left("bucket", 24));
        }
        for (String header : List.of("count", "rate/s", "errors", "err%", "p50", "p90", "p95", "p99", "max")) {
            columns.add(Table.Column.right(header));
        }
        Table table = new Table(columns);
        for (OperationRed operation : operations) {
            if (buckets) {
                for (RedBucket bucket : operation.buckets()) {
                    table.add(colour(bucket.figures()), row(operation.group(), bucket.start().toString(),
                            bucket.figures()));
                }
            } else {
                table.add(colour(operation.total()), row(operation.group(), null, operation.total()));
            }
        }
        table.print(out, style, lineWidth);
    }

    void dependencies(List<DependencyLink> links) {
        Table table = new Table(List.of(Table.Column.left("caller", MAX_GROUP_WIDTH),
                Table.Column.left("callee", MAX_GROUP_WIDTH), Table.Column.right("calls"),
                Table.Column.right("errors"), Table.Column.right("err%"), Table.Column.left("note", 30)));
        for (DependencyLink link : links) {
            table.add(link.errors() > 0 ? style::red : UnaryOperator.identity(), link.caller(), link.callee(),
                    Long.toString(link.calls()), Long.toString(link.errors()),
                    percent((double) link.errors() / link.calls()), link.uninstrumented() ? "stores no spans" : "");
        }
        table.print(out, style, lineWidth);
    }

    void exceptions(List<ExceptionSeen> exceptions) {
        Table table = new Table(List.of(Table.Column.left("type", MAX_GROUP_WIDTH), Table.Column.right("spans"),
                Table.Column.right("traces"), Table.Column.left("first seen", 24), Table.Column.left("last seen", 24),
                Table.Column.left("example", 120)));
        for (ExceptionSeen seen : exceptions) {
            table.add(style::red, seen.type(), Long.toString(seen.spans()), Long.toString(seen.traces()),
                    seen.firstSeen().toString(), seen.lastSeen().toString(),
                    seen.exampleTraceId() + " " + seen.exampleService() + " " + seen.exampleSpanName());
        }
        table.print(out, style, lineWidth);
    }

    private UnaryOperator<String> colour(RedFigures figures) {
        return figures.errors() > 0 ? style::red : UnaryOperator.identity();
    }

    private static String[] row(List<String> group, String bucket, RedFigures figures) {
        List<String> cells = new ArrayList<>();
        group.forEach(value -> cells.add(value == null ? "-" : value));
        if (bucket != null) {
            cells.add(bucket);
        }
        cells.add(Long.toString(figures.count()));
        cells.add(String.format(Locale.ROOT, "%.2f", figures.ratePerSecond()));
        cells.add(Long.toString(figures.errors()));
        cells.add(percent(figures.errorRate()));
        for (long nanos : new long[] {figures.p50Nanos(), figures.p90Nanos(), figures.p95Nanos(), figures.p99Nanos(),
                figures.maxNanos()}) {
            cells.add(Durations.format(nanos));
        }
        return cells.toArray(String[]::new);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
