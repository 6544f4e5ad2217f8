package dev.tracestore.benchmarks.harness;

import com.sun.management.ThreadMXBean;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Persisted throughput of ours against the SDK's batch processor with the OTLP stdout exporter, alternating in one
 * JVM: round after round, each side gets a fresh processor, a fresh directory and a burst of spans through
 * {@code onEnd} followed by a flush (the order of the two sides swaps every round, so neither always runs second).
 * Reported per side: the median spans/s, the median CPU time per span of the whole process (every thread, GC and
 * JIT included; far less sensitive to other load on the machine than the wall clock) and of the threads that do
 * the work off the caller (ours: {@code trace-store-ingest}, reported alone too, {@code trace-store-store} where the
 * store has a thread of its own, and {@code trace-store-writer}; the SDK's:
 * {@code BatchSpanProcessor_WorkerThread}), with their bytes allocated per span; and the ratios of the medians.
 * The large queue ({@value #QUEUE_CAPACITY}) lets both sides take the whole burst without dropping.
 *
 * <p>Arguments: {@code [ROUNDS [SPANS]]}, by default {@value #DEFAULT_ROUNDS} rounds of
 * {@value PersistScenario#BURST} spans.
 *
 * <pre>{@code
 * java -Xms4g -Xmx4g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness persist-compare 7
 * }</pre>
 */
final class PersistComparisonScenario implements Scenario {

    static final int DEFAULT_ROUNDS = 7;
    static final int QUEUE_CAPACITY = 262_144;
    private static final List<String> SIDES = List.of("ours", "otlp");

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One burst of one side. */
    private record Burst(double spansPerSecond, double processCpuNanosPerSpan, double workerCpuNanosPerSpan,
            double workerBytesPerSpan, double firstWorkerCpuNanosPerSpan, double callerCpuNanosPerSpan, long dropped) {
    }

    @Override
    public void run(String[] args, Results results) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : PersistScenario.BURST;
        List<ReadableSpan> spans = PersistScenario.endedSpans(count);
        for (String side : SIDES) {
            for (int warm = 0; warm < PersistScenario.WARMUP_ROUNDS; warm++) {
                burst(side, spans);
            }
        }
        Map<String, List<Burst>> measured = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? SIDES : List.of(SIDES.get(1), SIDES.get(0));
            for (String side : order) {
                System.gc();
                Burst burst = burst(side, spans);
                measured.computeIfAbsent(side, key -> new ArrayList<>()).add(burst);
                System.out.printf(Locale.ROOT, "round %d %-4s %9.0f spans/s  process %6.0f ns/span  worker %6.0f ns/span"
                                + " (ingest %5.0f)  %6.0f B/span  caller %5.0f ns/span  dropped %d  load %s%n", round + 1, side,
                        burst.spansPerSecond(), burst.processCpuNanosPerSpan(), burst.workerCpuNanosPerSpan(),
                        burst.firstWorkerCpuNanosPerSpan(), burst.workerBytesPerSpan(), burst.callerCpuNanosPerSpan(), burst.dropped(), load());
            }
        }
        for (String side : SIDES) {
            List<Burst> bursts = measured.get(side);
            results.put(side + ".spansPerSecond", median(bursts, Burst::spansPerSecond));
            results.put(side + ".processCpuNanosPerSpan", median(bursts, Burst::processCpuNanosPerSpan));
            results.put(side + ".workerCpuNanosPerSpan", median(bursts, Burst::workerCpuNanosPerSpan));
            results.put(side + ".workerBytesPerSpan", median(bursts, Burst::workerBytesPerSpan));
            results.put(side + ".ingestCpuNanosPerSpan", median(bursts, Burst::firstWorkerCpuNanosPerSpan));
            results.put(side + ".callerCpuNanosPerSpan", median(bursts, Burst::callerCpuNanosPerSpan));
            results.put(side + ".dropped", bursts.stream().mapToLong(Burst::dropped).sum());
        }
        results.put("throughputRatio", median(measured.get("ours"), Burst::spansPerSecond)
                / median(measured.get("otlp"), Burst::spansPerSecond));
        results.put("processCpuRatio", median(measured.get("otlp"), Burst::processCpuNanosPerSpan)
                / median(measured.get("ours"), Burst::processCpuNanosPerSpan));
        results.put("rounds", rounds);
    }

    private Burst burst(String sideName, List<ReadableSpan> spans) throws Exception {
        Path directory = Files.createTempDirectory("persist-" + sideName);
        try {
            PersistSide side = PersistSide.create(sideName, QUEUE_CAPACITY, directory);
            SpanProcessor processor = side.processor();
            Thread.sleep(20); // lets the side's threads start, so that the snapshot below sees them
            Map<Long, long[]> before = threadCosts();
            long processCpu = os.getProcessCpuTime();
            long callerCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (ReadableSpan span : spans) {
                processor.onEnd(span);
            }
            long callerNanos = threads.getCurrentThreadCpuTime() - callerCpu;
            side.flush();
            long wall = System.nanoTime() - start;
            long processNanos = os.getProcessCpuTime() - processCpu;
            long[] worker = workerCosts(before, sideName);
            long written = side.written();
            processor.shutdown().join(1, TimeUnit.MINUTES);
            double perSpan = 1.0 / spans.size();
            return new Burst(written / (wall / 1e9), processNanos * perSpan, worker[0] * perSpan, worker[1] * perSpan,
                    worker[2] * perSpan, callerNanos * perSpan, spans.size() - written);
        } finally {
            PersistScenario.deleteDirectory(directory);
        }
    }

    /** @return CPU nanoseconds and allocated bytes of every live thread, by thread ID */
    private Map<Long, long[]> threadCosts() {
        Map<Long, long[]> costs = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            costs.put(ids[i], new long[] {cpu[i], allocated[i]});
        }
        return costs;
    }

    /**
     * @return CPU nanoseconds and allocated bytes since {@code before} of the side's worker threads, and the CPU
     *     nanoseconds of the first of them alone (ours: the ingest thread)
     */
    private long[] workerCosts(Map<Long, long[]> before, String side) {
        long[] sum = new long[3];
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !isWorker(side, info.getThreadName())) {
                continue;
            }
            long[] start = before.getOrDefault(info.getThreadId(), new long[2]);
            sum[0] += threads.getThreadCpuTime(info.getThreadId()) - start[0];
            sum[1] += threads.getThreadAllocatedBytes(info.getThreadId()) - start[1];
            if (!side.equals("ours") || info.getThreadName().equals("trace-store-ingest")) {
                sum[2] += threads.getThreadCpuTime(info.getThreadId()) - start[0];
            }
        }
        return sum;
    }

    private static boolean isWorker(String side, String threadName) {
        return side.equals("ours")
                ? threadName.equals("trace-store-ingest") || threadName.equals("trace-store-store")
                        || threadName.equals("trace-store-writer")
                : threadName.startsWith("BatchSpanProcessor_WorkerThread");
    }

    private static double median(List<Burst> bursts, java.util.function.ToDoubleFunction<Burst> figure) {
        double[] values = bursts.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
