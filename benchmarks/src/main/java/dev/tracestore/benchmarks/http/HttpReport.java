package dev.tracestore.benchmarks.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the tables of {@code benchmarks/http/run-http.sh} as Markdown: every run (one line per round and
 * configuration), then the summary in the format of {@code benchmarks/run.sh} (figure | trace-store | peer | ratio |
 * target), each figure the median over the rounds, and beside it the median and the range of the ratios of each
 * round: a round measures every configuration within minutes, so its ratio moves less with a drift of a shared
 * host's speed than the medians do.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.http.HttpReport \
 *     benchmarks/target/http/results.tsv
 * }</pre>
 */
public final class HttpReport {

    /** The configurations in the order they are shown, with their labels. */
    private static final Map<String, String> CONFIGURATIONS = new LinkedHashMap<>();

    static {
        CONFIGURATIONS.put("off", "tracing off");
        CONFIGURATIONS.put("boot", "Boot tracing, no exporter");
        CONFIGURATIONS.put("trace-store", "trace-store, files (defaults)");
        CONFIGURATIONS.put("otlp", "Boot OTLP exporter to a local receiver");
    }

    private static final String[] COLUMNS = {"round", "config", "maxRps", "csPerRequest", "cpuMicrosPerRequest",
            "rate", "requests", "failed", "p50", "p99", "p999", "load", "allocKBPerRequest"};

    private final List<String[]> runs;

    private HttpReport(List<String[]> runs) {
        this.runs = runs;
    }

    /**
     * @param args the results file written by {@code run-http.sh}: a header line, then one tab-separated line per
     *     run with the columns round, config, maxRps, csPerRequest, cpuMicrosPerRequest, rate, requests, failed,
     *     p50, p99, p999 (milliseconds), load, allocKBPerRequest (absent in files of older runs)
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String[]> runs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] fields = line.split("\t");
            if (!line.isBlank() && !fields[0].equals(COLUMNS[0])) {
                runs.add(Arrays.copyOf(fields, COLUMNS.length));
            }
        }
        new HttpReport(runs).print();
    }

    private void print() {
        System.out.println("| round | configuration | max req/s | context switches/request | CPU µs/request "
                + "| allocated KB/request | fixed rate (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | failed | load |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] run : runs) {
            System.out.println("| " + run[0] + " | " + CONFIGURATIONS.getOrDefault(run[1], run[1]) + " | "
                    + String.join(" | ", Arrays.copyOfRange(run, 2, 5)) + " | " + (run[12] == null ? "-" : run[12])
                    + " | " + run[5] + " | " + String.join(" | ", Arrays.copyOfRange(run, 8, 11)) + " | " + run[7]
                    + " | " + run[11] + " |");
        }
        System.out.println();
        System.out.println("| figure (median of rounds) | trace-store | peer | ratio | per-round ratio: median (range) "
                + "| target |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        String boot = CONFIGURATIONS.get("boot");
        String otlp = CONFIGURATIONS.get("otlp");
        row("max req/s vs " + boot, "trace-store", "boot", 2, "≥ 0.95");
        row("p50 at the fixed rate (ms) vs " + boot, "trace-store", "boot", 8, "");
        row("p99 at the fixed rate (ms) vs " + boot, "trace-store", "boot", 9, "≤ 1.10");
        row("p99.9 at the fixed rate (ms) vs " + boot, "trace-store", "boot", 10, "");
        row("CPU µs/request vs " + boot, "trace-store", "boot", 4, "");
        row("allocated KB/request vs " + boot, "trace-store", "boot", 12, "");
        row("context switches/request vs " + boot, "trace-store", "boot", 3, "");
        row("max req/s vs " + otlp, "trace-store", "otlp", 2, "> 1");
        row("p99 at the fixed rate (ms) vs " + otlp, "trace-store", "otlp", 9, "< 1");
        row("max req/s, " + boot + " vs tracing off", "boot", "off", 2, "");
        row("p99 at the fixed rate (ms), " + boot + " vs tracing off", "boot", "off", 9, "");
    }

    private void row(String figure, String ours, String peer, int column, String target) {
        double mine = median(ours, column);
        double theirs = median(peer, column);
        String ratio = Double.isNaN(mine) || Double.isNaN(theirs) || theirs == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", mine / theirs);
        System.out.println("| " + figure + " | " + format(mine) + " | " + format(theirs) + " | " + ratio + " | "
                + roundRatios(ours, peer, column) + " | " + target + " |");
    }

    /** @return the median and the range of {@code ours / peer} over the rounds that measured both */
    private String roundRatios(String ours, String peer, int column) {
        List<Double> ratios = new ArrayList<>();
        for (String[] mine : runs) {
            if (!mine[1].equals(ours) || !isNumber(mine[column])) {
                continue;
            }
            for (String[] theirs : runs) {
                if (theirs[1].equals(peer) && theirs[0].equals(mine[0]) && isNumber(theirs[column])
                        && Double.parseDouble(theirs[column]) != 0) {
                    ratios.add(Double.parseDouble(mine[column]) / Double.parseDouble(theirs[column]));
                }
            }
        }
        if (ratios.isEmpty()) {
            return "n/a";
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    private static boolean isNumber(String value) {
        return value != null && !value.isBlank() && !value.equals("-");
    }

    private double median(String config, int column) {
        return median(runs.stream()
                .filter(run -> run[1].equals(config))
                .map(run -> run[column])
                .filter(HttpReport::isNumber)
                .mapToDouble(Double::parseDouble)
                .sorted()
                .toArray());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
