package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;
import io.opentelemetry.api.trace.StatusCode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static dev.tracestore.cli.Table.Column.left;
import static dev.tracestore.cli.Table.Column.right;

/**
 * Spans as a table, one per line, failed ones marked {@code ERROR} with their error types (and red on a
 * colour terminal); the trace ID is there to paste into {@code tracestore trace}.
 */
final class SpanTable {

    private SpanTable() {
    }

    static void print(List<StoredSpan> spans, PrintWriter out, Style style, int lineWidth) {
        Table table = new Table(List.of(left("START (UTC)", 24), right("DURATION"), left("SERVICE", 24),
                left("NAME", 48), left("KIND", 8), left("STATUS", 6), left("TRACE ID", 32), left("ERROR", 80)));
        for (StoredSpan span : spans) {
            boolean failed = Failures.isFailure(span);
            UnaryOperator<String> rowStyle = failed ? style::red : UnaryOperator.identity();
            table.add(rowStyle, Durations.time(span.startEpochNanos()), Durations.format(span.durationNanos()),
                    span.serviceName(), span.name(), span.kind().name().toLowerCase(Locale.ROOT),
                    status(span, failed), span.traceId(), failed ? ErrorNote.of(span) : "");
        }
        table.print(out, style, lineWidth);
    }

    /** A span can fail without an ERROR status (an {@code error.type} attribute): it still reads ERROR. */
    private static String status(StoredSpan span, boolean failed) {
        if (failed) {
            return "ERROR";
        }
        return span.statusCode() == StatusCode.UNSET ? "" : span.statusCode().name();
    }
}
