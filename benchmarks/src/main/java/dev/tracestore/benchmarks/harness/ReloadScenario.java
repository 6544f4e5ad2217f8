package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanSnapshot;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restart: the time a new {@link FileBasedSpanProcessor} takes to reload a directory of span files (in the background,
 * see {@link StartupScenario} for the start itself) into a new, empty store (the newest {@code maxSpans} spans, through
 * {@code SpanLog.readNewest}). The files are written first (untimed for the reload, but reported as the log's own
 * append rate), in batches of 512 spans like the processor's writer. Also reports the heap the reloaded store retains
 * per span. A second, parse-only read separates parsing from indexing.
 *
 * <p>Arguments: {@code SPANS [ROUNDS]}. Rounds after the first reload the same files again into new stores, with
 * the code compiled by then: their CPU time ({@code warmReloadCpuSeconds}, the least of them last) moves far less
 * with other load on the machine than the first, cold round's, so they compare two versions of the code; the first
 * round is what a restart costs.
 *
 * <p>Each reload's shutdown writes a snapshot of the store ({@code shutdownWithSnapshotSeconds}: closing the files
 * and writing it); the next reload reads it instead of the files ({@code snapshotReload*}, and
 * {@code warmSnapshotReload*} beside each warm round's {@code warmReload*} from the files, the snapshot deleted first).
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness reload 1000000
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness reload 1000000 4
 * }</pre>
 */
final class ReloadScenario implements Scenario {

    static final int BATCH = 512;

    @Override
    public void run(String[] args, Results results) throws Exception {
        Workload workload = Workload.ofSpans(Integer.parseInt(args[0]));
        Path directory = Files.createTempDirectory("reload");
        try {
            write(workload, directory, results);
            long baseline = HeapScenario.usedAfterGc();

            coldRound(workload, directory, baseline, results);
            warmRounds(workload, directory, args.length > 1 ? Integer.parseInt(args[1]) - 1 : 0, results);

            AtomicLong parsed = new AtomicLong();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            SpanLog.readNewest(directory, (int) workload.spanCount(), span -> parsed.incrementAndGet());
            results.put("parseOnlySeconds", (System.nanoTime() - start) / 1e9);
            results.put("parseOnlyCpuSeconds", (processCpuNanos() - cpuBefore) / 1e9);
        } finally {
            PersistScenario.deleteDirectory(directory);
        }
    }

    /**
     * The first reload, with the code not yet compiled: what a restart costs. From the span files (no snapshot yet),
     * then, from the snapshot that reload's shutdown wrote, the restart after a clean shutdown.
     */
    private static void coldRound(Workload workload, Path directory, long baseline, Results results)
            throws Exception {
        long gcBefore = gcMillis();
        long cpuBefore = processCpuNanos();
        ThreadCpuSampler threads = ThreadCpuSampler.start();
        long start = System.nanoTime();
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans((int) workload.spanCount()).build();
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory)
                .snapshotOnShutdown(true).build();
        StartupScenario.awaitReload(processor);
        long reloadNanos = System.nanoTime() - start;
        // CPU time of every thread (decoders, GC and JIT included): what other load on the machine moves least
        results.put("reloadCpuSeconds", (processCpuNanos() - cpuBefore) / 1e9);
        putReloadThreads(threads.stop(), "reload", results);
        ReadResult read = processor.reloaded();
        results.put("reloadSeconds", reloadNanos / 1e9);
        results.put("reloadGcSeconds", (gcMillis() - gcBefore) / 1e3);
        results.put("spansRead", read.spansRead());
        results.put("linesSkipped", read.linesSkipped());
        results.put("storeSize", store.size());
        // spans read back share no strings or keys the way live ones do: this is what a restart costs in heap
        results.put("reloadedBytesPerSpan", (HeapScenario.usedAfterGc() - baseline) / (double) store.size());
        results.put("reloadFromSnapshot", processor.reloadedFromSnapshot() ? 1 : 0);
        results.put("shutdownWithSnapshotSeconds", shutdownSeconds(processor));
        results.put("snapshotMegabytes", Files.size(directory.resolve(SpanSnapshot.FILE_NAME)) / 1e6);
        store = null;
        processor = null;

        HeapScenario.usedAfterGc();
        Round fromSnapshot = Round.run(workload, directory, "snapshotReload", results);
        results.put("snapshotReloadSeconds", fromSnapshot.wall());
        results.put("snapshotReloadCpuSeconds", fromSnapshot.cpu());
        results.put("snapshotReloadGcSeconds", fromSnapshot.gc());
        results.put("snapshotReloadFromSnapshot", fromSnapshot.fromSnapshot() ? 1 : 0);
        results.put("snapshotReloadStoreSize", fromSnapshot.stored());
        results.put("shutdownWithSnapshotSeconds", fromSnapshot.shutdown());
    }

    /**
     * Reloads the same files {@code rounds} more times, each into a new store, once the code is compiled: each round
     * once from the span files (the snapshot deleted first) and once from the snapshot that reload's shutdown wrote.
     */
    private static void warmRounds(Workload workload, Path directory, int rounds, Results results)
            throws Exception {
        double leastCpu = Double.MAX_VALUE;
        double leastWall = Double.MAX_VALUE;
        double leastSnapshotCpu = Double.MAX_VALUE;
        double leastSnapshotWall = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            HeapScenario.usedAfterGc();   // the previous round's store is garbage: not collected inside this one
            SpanSnapshot.delete(directory);
            Round json = Round.run(workload, directory, "warmReload", results);
            results.put("warmReloadSeconds", json.wall());
            results.put("warmReloadCpuSeconds", json.cpu());
            results.put("warmReloadGcSeconds", json.gc());
            results.put("shutdownWithSnapshotSeconds", json.shutdown());
            leastCpu = Math.min(leastCpu, json.cpu());
            leastWall = Math.min(leastWall, json.wall());

            HeapScenario.usedAfterGc();
            Round snapshot = Round.run(workload, directory, "warmSnapshotReload", results);
            results.put("warmSnapshotReloadSeconds", snapshot.wall());
            results.put("warmSnapshotReloadCpuSeconds", snapshot.cpu());
            results.put("warmSnapshotReloadGcSeconds", snapshot.gc());
            results.put("warmSnapshotReloadFromSnapshot", snapshot.fromSnapshot() ? 1 : 0);
            results.put("shutdownWithSnapshotSeconds", snapshot.shutdown());
            leastSnapshotCpu = Math.min(leastSnapshotCpu, snapshot.cpu());
            leastSnapshotWall = Math.min(leastSnapshotWall, snapshot.wall());
        }
        if (rounds > 0) {
            results.put("warmReloadLeastSeconds", leastWall);
            results.put("warmReloadLeastCpuSeconds", leastCpu);
            results.put("warmSnapshotReloadLeastSeconds", leastSnapshotWall);
            results.put("warmSnapshotReloadLeastCpuSeconds", leastSnapshotCpu);
        }
    }

    /** One reload into a new store, then its shutdown (which writes the snapshot the next round may read). */
    private record Round(double wall, double cpu, double gc, boolean fromSnapshot, int stored, double shutdown) {
        static Round run(Workload workload, Path directory, String prefix, Results results) throws Exception {
            long gcBefore = gcMillis();
            long cpuBefore = processCpuNanos();
            ThreadCpuSampler threads = ThreadCpuSampler.start();
            long start = System.nanoTime();
            InMemorySpanStore store = InMemorySpanStore.builder().maxSpans((int) workload.spanCount()).build();
            FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory)
                .snapshotOnShutdown(true).build();
            StartupScenario.awaitReload(processor);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            double gc = (gcMillis() - gcBefore) / 1e3;
            putReloadThreads(threads.stop(), prefix, results);
            return new Round(wall, cpu, gc, processor.reloadedFromSnapshot(), store.size(), shutdownSeconds(processor));
        }
    }

    /** @return how long the shutdown took: closing the files and writing the snapshot of the store */
    private static double shutdownSeconds(FileBasedSpanProcessor processor) {
        long start = System.nanoTime();
        processor.shutdown().join(60, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Puts the CPU seconds of the reload's own threads: the storing thread (on two cores the least wall time the
     * reload can take), the decoders, the line reader and the counter; the rest of the process (GC, JIT) is the
     * difference to the process's CPU.
     */
    private static void putReloadThreads(Map<String, Double> secondsByName, String prefix, Results results) {
        for (String role : List.of("reload", "decoder", "reader", "counter", "snapshot")) {
            results.put(prefix + "Thread_" + role + "CpuSeconds",
                    secondsByName.getOrDefault("trace-store-" + role, 0.0));
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** @return the time all collectors have spent so far: stop-the-world pauses and concurrent work alike */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static void write(Workload workload, Path directory, Results results) throws Exception {
        long generateNanos = 0;
        long start = System.nanoTime();
        try (SpanLog log = SpanLog.open(directory)) {
            List<StoredSpan> batch = new ArrayList<>(BATCH + Workload.SPANS_PER_TRACE);
            for (int trace = 0; trace < workload.traceCount(); trace++) {
                long generating = System.nanoTime();
                batch.addAll(workload.trace(trace));
                generateNanos += System.nanoTime() - generating;
                if (batch.size() >= BATCH || trace == workload.traceCount() - 1) {
                    log.append(batch);
                    batch.clear();
                }
            }
        }
        long writeNanos = System.nanoTime() - start - generateNanos;
        results.put("appendSpansPerSecond", workload.spanCount() / (writeNanos / 1e9));
        results.put("fileMegabytes", PersistScenario.directorySize(directory) / 1e6);
    }
}
