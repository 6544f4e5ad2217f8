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
 * Prints the tables of {@code benchmarks/http/run-http.sh} as Markdown: the warm-up of each app, every measurement
 * window (one line per window and configuration), then the summary in the format of {@code benchmarks/run.sh}
 * (figure | trace-store | peer | ratio | target), each figure the median over the windows, and beside it the median
 * and the range of the ratios taken within each window. A window measures every configuration within minutes, each
 * app warm and alone on its core, so on a host whose speed drifts the per-window ratio is the figure to read: the
 * medians of the absolute figures move with the drift.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.http.HttpReport \
 *     benchmarks/target/http/results.tsv benchmarks/target/http/warmup.tsv
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
            "rate", "requests", "failed", "p50", "p99", "p999", "load", "allocKBPerRequest", "requestThreadMicros",
            "traceStoreThreadMicros", "jitMicros", "gcMicros"};
    private static final int MAX_RPS = 2;
    private static final int CONTEXT_SWITCHES = 3;
    private static final int CPU = 4;
    private static final int P50 = 8;
    private static final int P99 = 9;
    private static final int P999 = 10;
    private static final int ALLOCATED = 12;
    private static final int REQUEST_THREADS = 13;
    private static final int TRACE_STORE_THREADS = 14;

    private final List<String[]> runs;
    private final List<String[]> warmups;
    private final StringBuilder out = new StringBuilder();
    private final List<String> summary = new ArrayList<>();

    private HttpReport(List<String[]> runs, List<String[]> warmups) {
        this.runs = runs;
        this.warmups = warmups;
    }

    /**
     * @param args the results file written by {@code run-http.sh}: a header line, then one tab-separated line per
     *     window and configuration with the columns round (the window), config, maxRps, csPerRequest,
     *     cpuMicrosPerRequest, rate, requests, failed, p50, p99, p999 (milliseconds), load, allocKBPerRequest,
     *     requestThreadMicros, traceStoreThreadMicros, jitMicros, gcMicros (the last ones absent in files of older
     *     runs); optionally, second, its warm-up file: config, requests, seconds, cpuMicrosPerRequest, stable
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.out.print(report(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null));
    }

    /** @return the report of a results file and its warm-up file ({@code null}: none), as {@link #main} prints it */
    static String report(Path results, Path warmup) throws IOException {
        HttpReport report = new HttpReport(rows(results, COLUMNS.length),
                warmup == null ? List.of() : rows(warmup, 5));
        report.print();
        return report.out.toString();
    }

    private static List<String[]> rows(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isBlank()) {
                rows.add(Arrays.copyOf(line.split("\t"), columns));
            }
        }
        return rows;
    }

    private void print() {
        if (!warmups.isEmpty()) {
            line("| warm-up | requests | seconds | CPU µs/request, last chunk | warm |");
            line("|---|---:|---:|---:|---|");
            for (String[] warmup : warmups) {
                line("| " + label(warmup[0]) + " | " + warmup[1] + " | " + warmup[2] + " | " + warmup[3] + " | "
                        + ("yes".equals(warmup[4]) ? "yes" : "**not stable**: the windows measure its warm-up")
                        + " |");
            }
            line("");
        }
        line("| window | configuration | max req/s | context switches/request | CPU µs/request "
                + "| request threads µs | trace-store threads µs | JIT µs | GC µs | allocated KB/request "
                + "| fixed rate (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | failed | load |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] run : runs) {
            line("| " + run[0] + " | " + label(run[1]) + " | " + cells(run, MAX_RPS, CONTEXT_SWITCHES, CPU,
                    REQUEST_THREADS, TRACE_STORE_THREADS, 15, 16, ALLOCATED, 5, P50, P99, P999, 7, 11) + " |");
        }
        summary.add("| figure (median of windows) | trace-store | peer | ratio | per-window ratio: median (range) "
                + "| target |");
        summary.add("|---|---:|---:|---:|---:|---|");
        String boot = CONFIGURATIONS.get("boot");
        String otlp = CONFIGURATIONS.get("otlp");
        row("max req/s vs " + boot, "trace-store", "boot", MAX_RPS, "≥ 0.95");
        row("p50 at the fixed rate (ms) vs " + boot, "trace-store", "boot", P50, "");
        row("p99 at the fixed rate (ms) vs " + boot, "trace-store", "boot", P99, "≤ 1.10");
        row("p99.9 at the fixed rate (ms) vs " + boot, "trace-store", "boot", P999, "");
        // On a core of its own an app serves 1 / (CPU per request): the figure that holds when other load on the
        // host takes time from the app and so distorts its measured maximum.
        row("CPU µs/request vs " + boot, "trace-store", "boot", CPU, "≤ 1.05 (≥ 0.95x req/s on its own core)");
        row("request threads' CPU µs/request vs " + boot, "trace-store", "boot", REQUEST_THREADS, "");
        row("allocated KB/request vs " + boot, "trace-store", "boot", ALLOCATED, "");
        row("context switches/request vs " + boot, "trace-store", "boot", CONTEXT_SWITCHES, "");
        row("max req/s vs " + otlp, "trace-store", "otlp", MAX_RPS, "> 1");
        row("p99 at the fixed rate (ms) vs " + otlp, "trace-store", "otlp", P99, "< 1");
        row("CPU µs/request vs " + otlp, "trace-store", "otlp", CPU, "< 1");
        row("max req/s, " + boot + " vs tracing off", "boot", "off", MAX_RPS, "");
        row("p99 at the fixed rate (ms), " + boot + " vs tracing off", "boot", "off", P99, "");
        if (summary.size() > 2) { // a run of one configuration compares nothing
            line("");
            summary.forEach(this::line);
        }
    }

    private static String label(String config) {
        return CONFIGURATIONS.getOrDefault(config, config);
    }

    private static String cells(String[] run, int... columns) {
        StringBuilder cells = new StringBuilder();
        for (int column : columns) {
            cells.append(cells.isEmpty() ? "" : " | ").append(run[column] == null ? "-" : run[column]);
        }
        return cells.toString();
    }

    private void row(String figure, String ours, String peer, int column, String target) {
        double mine = median(ours, column);
        double theirs = median(peer, column);
        if (!ran(ours) || !ran(peer) || Double.isNaN(mine) && Double.isNaN(theirs)) {
            return; // a configuration that did not run, or a figure that older runs did not record
        }
        String ratio = Double.isNaN(mine) || Double.isNaN(theirs) || theirs == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", mine / theirs);
        summary.add("| " + figure + " | " + format(mine) + " | " + format(theirs) + " | " + ratio + " | "
                + windowRatios(ours, peer, column) + " | " + target + " |");
    }

    /** @return the median and the range of {@code ours / peer} over the windows that measured both */
    private String windowRatios(String ours, String peer, int column) {
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
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f, %d windows)", median(sorted), sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    private boolean ran(String config) {
        return runs.stream().anyMatch(run -> run[1].equals(config));
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

    private void line(String text) {
        out.append(text).append('\n');
    }
}
