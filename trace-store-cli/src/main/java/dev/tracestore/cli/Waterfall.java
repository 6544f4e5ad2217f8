package dev.tracestore.cli;

import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;
import io.opentelemetry.api.common.Attributes;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Draws one trace as a waterfall: a row per span in tree order (children under their parent, by start
 * time), with a bar placed and sized on a time axis shared by the whole trace, its duration and service,
 * and failed spans marked {@code ERROR} with what went wrong on the line below. A span whose parent is not in
 * the files is drawn at the top level. All span data is escaped ({@link TerminalText}).
 *
 * <pre>
 * SPAN                 SERVICE   DURATION         0                         120.0 ms
 * GET /orders/{id}     orders    120.0 ms         ██████████████████████████
 * ├─ SELECT orders     orders     20.5 ms          █████
 * └─ POST /payments    payments   60.0 ms  ERROR            █████████████
 *      error: java.lang.IllegalStateException: card declined
 * </pre>
 */
final class Waterfall {

    private static final int MAX_NAME_WIDTH = 60;
    private static final int MIN_NAME_WIDTH = 16;
    private static final int MAX_SERVICE_WIDTH = 20;
    private static final int MIN_BAR_WIDTH = 20;
    /** Long values such as stack traces would flood the screen; the JSON output has them whole. */
    private static final int MAX_VALUE_WIDTH = 120;
    private static final String GAP = "  ";

    private final Style style;
    private final int columns;
    private final boolean attributes;
    // Span ID to its critical-path segments; null when the path is not marked.
    private final Map<String, List<CriticalPathSegment>> criticalPath;

    /**
     * @param style colour or plain
     * @param columns the width to lay the rows out for
     * @param attributes whether to list each span's attributes, events and links under it
     */
    Waterfall(Style style, int columns, boolean attributes) {
        this(style, columns, attributes, null);
    }

    /**
     * @param criticalPath the trace's critical path, whose cells are drawn {@code █} and the rest of each bar
     *     {@code ░}; {@code null} draws every bar {@code █}
     */
    Waterfall(Style style, int columns, boolean attributes, List<CriticalPathSegment> criticalPath) {
        this.style = style;
        this.columns = columns;
        this.attributes = attributes;
        this.criticalPath = criticalPath == null ? null : criticalPath.stream()
                .collect(Collectors.groupingBy(CriticalPathSegment::spanId));
    }

    /** One span in tree order: the tree drawing before its name, and the one its detail lines continue. */
    private record Row(StoredSpan span, String prefix, String detailPrefix, boolean failed) {
    }

    /**
     * @param trace the trace's spans ordered by start time, not empty
     * @param out where to draw
     */
    void print(List<StoredSpan> trace, PrintWriter out) {
        List<Row> rows = treeOrder(trace);
        long start = trace.stream().mapToLong(StoredSpan::startEpochNanos).min().orElseThrow();
        long end = trace.stream().mapToLong(StoredSpan::endEpochNanos).max().orElseThrow();
        boolean anyFailed = rows.stream().anyMatch(Row::failed);

        int nameWidth = "SPAN".length();
        int serviceWidth = "SERVICE".length();
        int durationWidth = "DURATION".length();
        for (Row row : rows) {
            nameWidth = Math.max(nameWidth, row.prefix().length() + TerminalText.escape(row.span().name()).length());
            serviceWidth = Math.max(serviceWidth, TerminalText.escape(row.span().serviceName()).length());
            durationWidth = Math.max(durationWidth, Durations.format(row.span().durationNanos()).length());
        }
        nameWidth = Math.min(nameWidth, MAX_NAME_WIDTH);
        serviceWidth = Math.min(serviceWidth, MAX_SERVICE_WIDTH);
        int statusWidth = anyFailed ? "ERROR".length() : 0;
        int fixed = nameWidth + serviceWidth + durationWidth + statusWidth + (anyFailed ? 4 : 3) * GAP.length();
        if (columns - fixed < MIN_BAR_WIDTH) {
            int narrower = Math.max(MIN_NAME_WIDTH, nameWidth - (MIN_BAR_WIDTH - (columns - fixed)));
            fixed -= nameWidth - narrower;
            nameWidth = narrower;
        }
        int barWidth = Math.max(MIN_BAR_WIDTH, columns - fixed);
        Layout layout = new Layout(nameWidth, serviceWidth, durationWidth, statusWidth, barWidth, start, end);

        printSummary(trace, rows, start, end, out);
        out.println();
        out.println(style.bold(layout.header()));
        for (Row row : rows) {
            out.println(layout.row(row));
            if (row.failed()) {
                String note = ErrorNote.of(row.span());
                if (!note.isEmpty()) {
                    out.println(detail(row, style.red("error: " + clip(note, row))));
                }
            }
            if (attributes) {
                for (String line : details(row.span(), start)) {
                    out.println(detail(row, style.dim(clip(line, row))));
                }
            }
        }
    }

    private void printSummary(List<StoredSpan> trace, List<Row> rows, long start, long end, PrintWriter out) {
        long failed = rows.stream().filter(Row::failed).count();
        Set<String> services = trace.stream().map(StoredSpan::serviceName).map(TerminalText::escape)
                .collect(Collectors.toCollection(TreeSet::new));
        out.println(style.bold("Trace " + trace.get(0).traceId()) + ", started " + Durations.time(start) + ", "
                + Durations.format(end - start));
        String counts = Listings.count(trace.size(), "span") + (failed > 0 ? ", " + failed + " failed" : "")
                + ", " + Listings.count(services.size(), "service") + ": " + String.join(", ", services);
        out.println(failed > 0 ? style.red(counts) : counts);
    }

    /** Children under their parent in start order; orphans and roots at the top; cycles broken, no span lost. */
    private static List<Row> treeOrder(List<StoredSpan> trace) {
        Map<String, StoredSpan> byId = new HashMap<>();
        for (StoredSpan span : trace) {
            byId.putIfAbsent(span.spanId(), span);
        }
        Map<String, List<StoredSpan>> children = new HashMap<>();
        List<StoredSpan> tops = new ArrayList<>();
        for (StoredSpan span : trace) {
            if (span.isRoot() || !byId.containsKey(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                tops.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), parent -> new ArrayList<>()).add(span);
            }
        }
        List<Row> rows = new ArrayList<>(trace.size());
        Set<StoredSpan> drawn = Collections.newSetFromMap(new IdentityHashMap<>());
        for (StoredSpan top : tops) {
            walk(top, "", "", children, drawn, rows);
        }
        // Spans whose parents form a cycle are reached from no top; draw them at the top level too.
        for (StoredSpan span : trace) {
            if (!drawn.contains(span)) {
                walk(span, "", "", children, drawn, rows);
            }
        }
        return rows;
    }

    private static void walk(StoredSpan span, String prefix, String childLead, Map<String, List<StoredSpan>> children,
            Set<StoredSpan> drawn, List<Row> rows) {
        if (!drawn.add(span)) {
            return;
        }
        List<StoredSpan> kids = children.getOrDefault(span.spanId(), List.of());
        // A span ID can repeat in broken data: only the first span with an ID takes the children.
        List<StoredSpan> own = kids.stream().filter(kid -> !drawn.contains(kid)).toList();
        rows.add(new Row(span, prefix, childLead + (own.isEmpty() ? "   " : "│  "), Failures.isFailure(span)));
        for (int i = 0; i < own.size(); i++) {
            boolean last = i == own.size() - 1;
            walk(own.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "), children, drawn, rows);
        }
    }

    private String detail(Row row, String text) {
        return style.dim(row.detailPrefix()) + text;
    }

    /** Cuts an (escaped) detail line so that it fits the width after its tree prefix. */
    private String clip(String text, Row row) {
        return TerminalText.truncate(TerminalText.escape(text), Math.max(20, columns - row.detailPrefix().length()));
    }

    /** The attributes, status message, events and links of a span, one line each, unescaped. */
    private static List<String> details(StoredSpan span, long traceStart) {
        List<String> lines = new ArrayList<>();
        lines.add("span " + span.spanId() + ", " + span.kind().name().toLowerCase(Locale.ROOT)
                + ", status " + span.statusCode().name()
                + (span.statusMessage().isEmpty() ? "" : " " + quote(span.statusMessage())));
        lines.addAll(attributeLines(span.attributes()));
        for (SpanEvent event : span.events()) {
            lines.add("event " + event.name() + " at +" + Durations.format(Math.max(0, event.epochNanos() - traceStart))
                    + inline(event.attributes()));
        }
        for (SpanLink link : span.links()) {
            lines.add("link " + link.traceId() + " " + link.spanId() + inline(link.attributes()));
        }
        return lines;
    }

    private static List<String> attributeLines(Attributes attributes) {
        List<String> lines = new ArrayList<>();
        attributes.forEach((key, value) -> lines.add(key.getKey() + "=" + value(value)));
        return lines;
    }

    private static String inline(Attributes attributes) {
        if (attributes.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", attributeLines(attributes));
    }

    /** Strings in quotes, as {@code --attr} wants them to match only strings; numbers and booleans bare. */
    private static String value(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(Waterfall::value).collect(Collectors.joining(", ", "[", "]"));
        }
        String text = value instanceof String s ? quote(s) : String.valueOf(value);
        return text.length() > MAX_VALUE_WIDTH ? text.substring(0, MAX_VALUE_WIDTH - 1) + "…" : text;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** Column widths and the time axis, shared by every row. */
    private final class Layout {
        private final int nameWidth;
        private final int serviceWidth;
        private final int durationWidth;
        private final int statusWidth;
        private final int barWidth;
        private final long start;
        private final long total;

        Layout(int nameWidth, int serviceWidth, int durationWidth, int statusWidth, int barWidth, long start, long end) {
            this.nameWidth = nameWidth;
            this.serviceWidth = serviceWidth;
            this.durationWidth = durationWidth;
            this.statusWidth = statusWidth;
            this.barWidth = barWidth;
            this.start = start;
            this.total = end - start;
        }

        String header() {
            String left = "0";
            String right = Durations.format(total);
            String axis = left + " ".repeat(Math.max(1, barWidth - left.length() - right.length())) + right;
            return cells("SPAN", "SERVICE", pad("DURATION", durationWidth, true), "", axis);
        }

        String row(Row row) {
            StoredSpan span = row.span();
            String name = TerminalText.truncate(TerminalText.escape(span.name()),
                    Math.max(1, nameWidth - row.prefix().length()));
            String service = TerminalText.truncate(TerminalText.escape(span.serviceName()), serviceWidth);
            String status = row.failed() ? "ERROR" : "";
            String line = style.dim(row.prefix()) + colour(row, pad(name, nameWidth - row.prefix().length(), false))
                    + GAP + pad(service, serviceWidth, false)
                    + GAP + pad(Durations.format(span.durationNanos()), durationWidth, true)
                    + (statusWidth > 0 ? GAP + colour(row, pad(status, statusWidth, false)) : "")
                    + GAP + bar(span, row.failed());
            return line.stripTrailing();
        }

        private String colour(Row row, String text) {
            return row.failed() ? style.red(text) : text;
        }

        private String cells(String name, String service, String duration, String status, String axis) {
            return (pad(name, nameWidth, false) + GAP + pad(service, serviceWidth, false) + GAP + duration
                    + (statusWidth > 0 ? GAP + pad(status, statusWidth, false) : "") + GAP + axis).stripTrailing();
        }

        /** Cells from the span's start to its end on the trace's axis, at least one so that short spans show. */
        private String bar(StoredSpan span, boolean failed) {
            int from;
            int to;
            if (total == 0) {
                from = 0;
                to = 1;
            } else {
                double perCell = (double) total / barWidth;
                from = (int) Math.min(barWidth - 1, Math.floor((span.startEpochNanos() - start) / perCell));
                to = (int) Math.min(barWidth, Math.ceil((span.endEpochNanos() - start) / perCell));
                to = Math.max(to, from + 1);
            }
            String cells = criticalPath == null ? "█".repeat(to - from) : pathCells(span, from, to);
            return " ".repeat(from) + (failed ? style.red(cells) : style.cyan(cells));
        }

        /** {@code █} where a cell overlaps one of the span's critical-path segments, {@code ░} elsewhere. */
        private String pathCells(StoredSpan span, int from, int to) {
            List<CriticalPathSegment> segments = criticalPath.getOrDefault(span.spanId(), List.of());
            double perCell = total == 0 ? 1 : (double) total / barWidth;
            StringBuilder cells = new StringBuilder(to - from);
            for (int cell = from; cell < to; cell++) {
                double cellStart = start + cell * perCell;
                double cellEnd = total == 0 ? Double.MAX_VALUE : start + (cell + 1) * perCell;
                boolean onPath = segments.stream().anyMatch(segment -> segment.startEpochNanos() < cellEnd
                        && segment.endEpochNanos() > cellStart);
                cells.append(onPath ? '█' : '░');
            }
            return cells.toString();
        }

        private String pad(String text, int width, boolean right) {
            String padding = " ".repeat(Math.max(0, width - text.length()));
            return right ? padding + text : text + padding;
        }
    }
}
