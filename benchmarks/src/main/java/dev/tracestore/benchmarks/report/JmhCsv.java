package dev.tracestore.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The scores of a JMH run written with {@code -rf csv}, looked up by benchmark and parameter value.
 *
 * <pre>{@code
 * JmhCsv jmh = JmhCsv.read(Path.of("benchmarks/target/jmh.csv"));
 * OptionalDouble median = jmh.score("OnEndBenchmark.onEnd:p0.50", "memory");
 * }</pre>
 */
final class JmhCsv {

    private record Row(String benchmark, double score, List<String> params) {
    }

    private final List<Row> rows;

    private JmhCsv(List<Row> rows) {
        this.rows = rows;
    }

    /** @param file a JMH CSV result file; a missing file gives no scores @return the scores */
    static JmhCsv read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            int firstParam = split(lines.get(0)).indexOf("Unit") + 1;
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = split(line);
                rows.add(new Row(cells.get(0), Double.parseDouble(cells.get(4)), cells.subList(firstParam, cells.size())));
            }
        }
        return new JmhCsv(rows);
    }

    /**
     * @param benchmark the end of the benchmark name, e.g. {@code GetTraceBenchmark.ours:p0.99}
     * @param param a parameter value the row must have, or {@code null} for any
     * @return the score, empty when the run has no such row
     */
    OptionalDouble score(String benchmark, String param) {
        return rows.stream()
                .filter(row -> row.benchmark.endsWith("." + benchmark))
                .filter(row -> param == null || row.params.contains(param))
                .mapToDouble(Row::score)
                .findFirst();
    }

    /** JMH quotes text cells and never puts commas or quotes inside them. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.replace("\"", ""));
        }
        return cells;
    }
}
