package dev.tracestore.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Runs every harness scenario in a fresh JVM of its own (a clean heap, no JIT state from another scenario),
 * keeps each one's output in {@code OUT_DIR/<id>.log} and collects all figures into
 * {@code OUT_DIR/harness.properties} as {@code <id>.<figure>=value}.
 *
 * <p>Arguments: {@code OUT_DIR [SPANS]}; SPANS (default 1 000 000) is the large store size, lower it for a quick
 * try. The small heap figure is always taken at {@value #SMALL_SPANS} spans.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.HarnessRunner benchmarks/target/harness
 * }</pre>
 */
public final class HarnessRunner {

    static final int SMALL_SPANS = 100_000;

    /** The store size of the adversarial memory workloads, each fed ten times that many spans. */
    static final int CHURN_SPANS = 100_000;

    /** Zipkin answers a search in 0.1 to 1 s at a million spans: fewer queries keep its run to about a minute. */
    static final int OUR_QUERIES_PER_KIND = 10;
    static final int ZIPKIN_QUERIES_PER_KIND = 5;

    /** Lets JOL read record fields and use the JVM's own object sizes. */
    private static final List<String> JOL_FLAGS = List.of("-Djdk.attach.allowAttachSelf=true", "-Djol.magicFieldOffset=true");

    private record Run(String id, String heap, List<String> jvmFlags, List<String> args) {
    }

    private HarnessRunner() {
    }

    /**
     * @param args the output directory and, optionally, the large store size
     * @throws Exception when a scenario cannot be started or its output not written
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String spans = args.length > 1 ? args[1] : "1000000";
        String small = String.valueOf(SMALL_SPANS);
        Files.createDirectories(out);
        List<Run> runs = new ArrayList<>(List.of(
                new Run("heap-ours-small", "2g", JOL_FLAGS, List.of("heap", "ours", small, "jol")),
                new Run("heap-zipkin-small", "2g", JOL_FLAGS, List.of("heap", "zipkin", small, "jol")),
                new Run("heap-ours", "8g", List.of(), List.of("heap", "ours", spans)),
                new Run("heap-zipkin", "8g", List.of(), List.of("heap", "zipkin", spans)),
                new Run("query-ours", "8g", List.of(), List.of("query", "ours", spans, String.valueOf(OUR_QUERIES_PER_KIND))),
                new Run("red-ours", "8g", List.of(), List.of("red", spans)),
                new Run("query-zipkin", "8g", List.of(), List.of("query", "zipkin", spans, String.valueOf(ZIPKIN_QUERIES_PER_KIND))),
                new Run("burst-ours", "4g", List.of(), List.of("persist", "burst", "ours")),
                new Run("burst-ours-large", "4g", List.of(), List.of("persist", "burst", "ours", "262144")),
                new Run("burst-otlp", "4g", List.of(), List.of("persist", "burst", "otlp")),
                new Run("burst-otlp-large", "4g", List.of(), List.of("persist", "burst", "otlp", "262144")),
                new Run("steady-ours", "4g", List.of(), List.of("persist", "steady", "ours")),
                new Run("steady-otlp", "4g", List.of(), List.of("persist", "steady", "otlp")),
                new Run("persist-compare", "4g", List.of(), List.of("persist-compare")),
                new Run("reload", "8g", List.of(), List.of("reload", spans)),
                new Run("startup-0", "8g", List.of(), List.of("startup", "0")),
                new Run("startup-100k", "8g", List.of(), List.of("startup", "100000")),
                new Run("startup-large", "8g", List.of(), List.of("startup", spans)),
                new Run("wakeups", "1g", List.of(), List.of("wakeups")),
                new Run("wakeups-none", "1g", List.of(), List.of("wakeups", "none"))));
        for (String workload : ChurnHeapScenario.WORKLOADS) {
            runs.add(new Run("churn-" + workload, "4g", List.of(), List.of("churn", workload, String.valueOf(CHURN_SPANS))));
        }
        Properties collected = new Properties();
        for (Run run : runs) {
            System.out.printf("harness: %-18s ", run.id());
            long start = System.nanoTime();
            int exit = fork(run, out.resolve(run.id() + ".log"), collected);
            System.out.printf("%5.1f s%s%n", (System.nanoTime() - start) / 1e9, exit == 0 ? "" : "  FAILED (exit " + exit + "), see " + run.id() + ".log");
        }
        try (var writer = Files.newBufferedWriter(out.resolve("harness.properties"))) {
            collected.store(writer, "trace-store benchmark harness, large store: " + spans + " spans");
        }
    }

    private static int fork(Run run, Path log, Properties collected) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + run.heap());
        command.add("-Xmx" + run.heap());
        command.addAll(run.jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Harness.class.getName());
        command.addAll(run.args());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        try (Stream<String> lines = Files.lines(log)) {
            lines.filter(line -> line.startsWith(Results.PREFIX)).forEach(line -> {
                String[] pair = line.substring(Results.PREFIX.length()).split("=", 2);
                collected.setProperty(run.id() + "." + pair[0], pair[1]);
            });
        }
        return exit;
    }
}
