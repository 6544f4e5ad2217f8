package dev.tracestore.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * Prints the one summary table of a benchmark run, as Markdown: figure | trace-store | peer | ratio | target.
 * The ratio is always trace-store divided by peer; a figure missing from the run shows as {@code n/a}.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.report.Report \
 *     benchmarks/target/jmh.csv benchmarks/target/harness/harness.properties
 * }</pre>
 */
public final class Report {

    private static final String[] QUERY_KINDS = {"SERVICE_AND_NAME", "ERROR", "ERROR_TYPE", "ATTRIBUTE_LOW",
            "ATTRIBUTE_HIGH", "MIN_DURATION"};
    private static final String[] QUERY_LABELS = {"service + span name", "status ERROR", "error.type",
            "attr status_code (4 values)", "attr url.path (250k values)", "min duration"};

    private final JmhCsv jmh;
    private final Properties harness;
    private final List<String> lines = new ArrayList<>();

    private Report(JmhCsv jmh, Properties harness) {
        this.jmh = jmh;
        this.harness = harness;
    }

    /**
     * @param args the JMH CSV file and the harness properties file
     * @throws IOException when a file exists but cannot be read
     */
    public static void main(String[] args) throws IOException {
        Properties harness = new Properties();
        Path properties = Path.of(args[1]);
        if (Files.exists(properties)) {
            try (Reader reader = Files.newBufferedReader(properties)) {
                harness.load(reader);
            }
        }
        Report report = new Report(JmhCsv.read(Path.of(args[0])), harness);
        report.build();
        report.lines.forEach(System.out::println);
    }

    private void build() {
        lines.add("| figure | trace-store | peer | ratio | target |");
        lines.add("|---|---:|---:|---:|---|");
        String noop = "no-op processor";
        row("onEnd p50, memory only (ns) vs " + noop, jmh("OnEndBenchmark.onEnd:p0.50", "memory"),
                jmh("OnEndBenchmark.onEnd:p0.50", "noop"), "≤ 1 500 ns");
        row("onEnd p50, with files (ns) vs " + noop, jmh("OnEndBenchmark.onEnd:p0.50", "file"),
                jmh("OnEndBenchmark.onEnd:p0.50", "noop"), "≤ 1 500 ns");
        row("span.end() p50, memory only (ns) vs " + noop, jmh("SpanEndBenchmark.end:p0.50", "memory"),
                jmh("SpanEndBenchmark.end:p0.50", "noop"), "≤ 2x");
        row("span.end() p50, with files (ns) vs " + noop, jmh("SpanEndBenchmark.end:p0.50", "file"),
                jmh("SpanEndBenchmark.end:p0.50", "noop"), "≤ 2x");
        row("span.end() p50, with files (ns) vs OTLP batch + file", jmh("SpanEndBenchmark.end:p0.50", "file"),
                jmh("SpanEndBenchmark.end:p0.50", "otlp-file"), "");
        row("ingest, full store (ns/span) vs Zipkin accept", jmh("IngestBenchmark.ours", null),
                jmh("IngestBenchmark.zipkin", null), "");
        row("getTrace p50, JMH (µs) vs Zipkin", jmh("GetTraceBenchmark.ours:p0.50", null),
                jmh("GetTraceBenchmark.zipkin:p0.50", null), "");
        row("getTrace p99, JMH (µs) vs Zipkin", jmh("GetTraceBenchmark.ours:p0.99", null),
                jmh("GetTraceBenchmark.zipkin:p0.99", null), "≤ 50 µs");
        row("retained heap, 1M spans (bytes/span) vs Zipkin", harness("heap-ours.bytesPerSpan"),
                harness("heap-zipkin.bytesPerSpan"), "≤ 256, ≤ 0.25x");
        row("retained heap, 100k spans (bytes/span) vs Zipkin", harness("heap-ours-small.bytesPerSpan"),
                harness("heap-zipkin-small.bytesPerSpan"), "≤ 256, ≤ 0.25x");
        row("retained heap, 100k spans, JOL (bytes/span) vs Zipkin", harness("heap-ours-small.jolBytesPerSpan"),
                harness("heap-zipkin-small.jolBytesPerSpan"), "≤ 256, ≤ 0.25x");
        churnRows();
        queryRows();
        row("persisted, burst 200k, large queue (spans/s) vs OTLP batch + stdout exporter",
                harness("burst-ours-large.spansPerSecond"), harness("burst-otlp-large.spansPerSecond"),
                "≥ 250 000, ≥ 2x");
        row("persisted, burst 200k, default queue (spans/s) vs OTLP", harness("burst-ours.spansPerSecond"),
                harness("burst-otlp.spansPerSecond"), "");
        row("dropped in that burst (spans) vs OTLP", harness("burst-ours.dropped"), harness("burst-otlp.dropped"), "");
        row("dropped at steady 100k spans/s for 3 s vs OTLP", harness("steady-ours.dropped"),
                harness("steady-otlp.dropped"), "0");
        row("persisted, bursts alternating in one JVM, median (spans/s) vs OTLP",
                harness("persist-compare.ours.spansPerSecond"), harness("persist-compare.otlp.spansPerSecond"), "≥ 2x");
        row("  CPU per persisted span, whole process, median (ns) vs OTLP",
                harness("persist-compare.ours.processCpuNanosPerSpan"),
                harness("persist-compare.otlp.processCpuNanosPerSpan"), "");
        row("reload 1M spans from files (s)", harness("reload.reloadSeconds"), OptionalDouble.empty(), "≤ 5 s");
        row("  of which GC (s)", harness("reload.reloadGcSeconds"), OptionalDouble.empty(), "");
        row("  CPU time of all threads (s)", harness("reload.reloadCpuSeconds"), OptionalDouble.empty(), "");
        row("  parse only, warm, no store (s)", harness("reload.parseOnlySeconds"), OptionalDouble.empty(), "");
        row("retained heap after reload (bytes/span) vs same spans added live", harness("reload.reloadedBytesPerSpan"),
                harness("heap-ours.bytesPerSpan"), "≤ 256");
        row("processor start, 0 spans on disk (ms)", harness("startup-0.startMillis"), OptionalDouble.empty(),
                "≤ 100 ms");
        row("processor start, 100k spans on disk (ms)", harness("startup-100k.startMillis"), OptionalDouble.empty(),
                "≤ 100 ms");
        row("processor start, 1M spans on disk (ms)", harness("startup-large.startMillis"), OptionalDouble.empty(),
                "≤ 100 ms");
        row("  of which CPU of the starting thread, 1M spans on disk (ms)", harness("startup-large.startCpuMillis"),
                OptionalDouble.empty(), "");
        row("  then background reload done, 1M spans (s)", harness("startup-large.reloadDoneSeconds"),
                OptionalDouble.empty(), "≤ 5 s");
        row("context switches per request, 4 threads x 5 spans, paced, vs the SDK without our processor",
                harness("wakeups.contextSwitchesPerRequest"), harness("wakeups-none.contextSwitchesPerRequest"),
                "");
    }

    /** Adversarial memory workloads: retained heap after 10x max-spans beside after 1x (the "peer" column). */
    private void churnRows() {
        for (String workload : List.of("standard", "ids-in-keys", "unique-event-names", "churning-resources", "churning-values",
                "long-values")) {
            row("retained heap after 10x max-spans, " + workload + " (bytes/span) vs after 1x",
                    harness("churn-" + workload + ".bytesPerSpan10x"), harness("churn-" + workload + ".bytesPerSpan1x"),
                    "≤ 1.10x");
        }
    }

    private void queryRows() {
        row("query trace by id p50, 1M spans (µs) vs Zipkin", harness("query-ours.ours.spans.TRACE_ID.p50us"),
                harness("query-zipkin.zipkin.TRACE_ID.p50us"), "");
        row("query trace by id p99, 1M spans (µs) vs Zipkin", harness("query-ours.ours.spans.TRACE_ID.p99us"),
                harness("query-zipkin.zipkin.TRACE_ID.p99us"), "≤ 50 µs");
        for (int i = 0; i < QUERY_KINDS.length; i++) {
            String kind = QUERY_KINDS[i];
            row("query " + QUERY_LABELS[i] + " p50, traces (µs) vs Zipkin",
                    harness("query-ours.ours.traces." + kind + ".p50us"), harness("query-zipkin.zipkin." + kind + ".p50us"), "");
            row("query " + QUERY_LABELS[i] + " p99, traces (µs) vs Zipkin",
                    harness("query-ours.ours.traces." + kind + ".p99us"), harness("query-zipkin.zipkin." + kind + ".p99us"),
                    "≤ 5 000 µs");
            row("query " + QUERY_LABELS[i] + " p99, spans (µs)",
                    harness("query-ours.ours.spans." + kind + ".p99us"), OptionalDouble.empty(), "≤ 5 000 µs");
        }
    }

    private OptionalDouble jmh(String benchmark, String param) {
        return jmh.score(benchmark, param);
    }

    private OptionalDouble harness(String key) {
        String value = harness.getProperty(key);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    private void row(String figure, OptionalDouble ours, OptionalDouble peer, String target) {
        String ratio = ours.isPresent() && peer.isPresent() && peer.getAsDouble() != 0
                ? String.format(Locale.ROOT, "%.2fx", ours.getAsDouble() / peer.getAsDouble())
                : "";
        lines.add("| " + figure + " | " + format(ours) + " | " + format(peer) + " | " + ratio + " | " + target + " |");
    }

    private static String format(OptionalDouble value) {
        if (value.isEmpty()) {
            return "n/a";
        }
        double number = value.getAsDouble();
        String text = number >= 100 ? String.format(Locale.ROOT, "%,.0f", number)
                : number >= 10 ? String.format(Locale.ROOT, "%.1f", number)
                : String.format(Locale.ROOT, "%.2f", number);
        return text.replace(',', ' ');
    }
}
