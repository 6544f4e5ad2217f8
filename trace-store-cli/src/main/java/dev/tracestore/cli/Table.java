package dev.tracestore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Text columns lined up under a header. Cells are escaped ({@link TerminalText}) and cut to their column's
 * maximum width before they are padded; colour is applied after padding, so escape codes never count as width.
 */
final class Table {

    /** One column: its header, whether numbers align right, and the widest it may grow. */
    record Column(String header, boolean right, int maxWidth) {

        static Column left(String header, int maxWidth) {
            return new Column(header, false, maxWidth);
        }

        static Column right(String header) {
            return new Column(header, true, Integer.MAX_VALUE);
        }
    }

    private record Row(String[] cells, UnaryOperator<String> style) {
    }

    private final List<Column> columns;
    private final List<Row> rows = new ArrayList<>();

    Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * @param style colours the whole line, e.g. red for a failed span
     * @param cells one raw value per column; escaped here
     */
    void add(UnaryOperator<String> style, String... cells) {
        String[] escaped = new String[columns.size()];
        for (int i = 0; i < escaped.length; i++) {
            escaped[i] = TerminalText.truncate(TerminalText.escape(cells[i]), columns.get(i).maxWidth());
        }
        rows.add(new Row(escaped, style));
    }

    void print(PrintWriter out, Style style) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (Row row : rows) {
                widths[i] = Math.max(widths[i], row.cells()[i].length());
            }
        }
        String[] headers = columns.stream().map(Column::header).toArray(String[]::new);
        out.println(style.bold(line(headers, widths)));
        for (Row row : rows) {
            out.println(row.style().apply(line(row.cells(), widths)));
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String padding = " ".repeat(widths[i] - cells[i].length());
            line.append(columns.get(i).right() ? padding + cells[i] : cells[i] + padding);
        }
        return line.toString().stripTrailing();
    }
}
