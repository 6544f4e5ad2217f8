package dev.tracestore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Text columns lined up under a header. Cells are escaped ({@link TerminalText}) and cut to their column's
 * maximum width before they are padded; colour is applied after padding, so escape codes never count as width.
 * On a terminal the last column is cut further so that lines do not wrap.
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

    private static final String GAP = "  ";
    /** Narrower than this, a cut cell says too little: rather wrap. */
    private static final int MIN_LAST_WIDTH = 12;

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

    /**
     * @param out where to print
     * @param style colour or plain
     * @param lineWidth the widest a line may be, {@link Integer#MAX_VALUE} for no limit
     */
    void print(PrintWriter out, Style style, int lineWidth) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (Row row : rows) {
                widths[i] = Math.max(widths[i], row.cells()[i].length());
            }
        }
        int last = widths.length - 1;
        int before = 0;
        for (int i = 0; i < last; i++) {
            before += widths[i] + GAP.length();
        }
        if (lineWidth != Integer.MAX_VALUE && before + widths[last] > lineWidth) {
            widths[last] = Math.max(MIN_LAST_WIDTH, lineWidth - before);
            for (Row row : rows) {
                row.cells()[last] = TerminalText.truncate(row.cells()[last], widths[last]);
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
                line.append(GAP);
            }
            String padding = " ".repeat(widths[i] - cells[i].length());
            line.append(columns.get(i).right() ? padding + cells[i] : cells[i] + padding);
        }
        return line.toString().stripTrailing();
    }
}
