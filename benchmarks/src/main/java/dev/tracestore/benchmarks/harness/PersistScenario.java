package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.SdkSpans;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spans persisted to disk per second, ours against the SDK's batch processor with the OTLP stdout exporter.
 * {@code burst}: one thread offers {@value #BURST} ended spans through {@code onEnd} as fast as it can, then
 * flushes; throughput is spans written over the time from the first offer to the end of the flush, and drops
 * are what the queue turned away. {@code steady}: {@value #STEADY_RATE} spans per second, paced per
 * millisecond, for {@value #STEADY_SECONDS} seconds, counting drops. Both start after {@value #WARMUP_ROUNDS}
 * untimed bursts through a throw-away processor of the same kind.
 *
 * <p>Arguments: {@code burst|steady ours|otlp [QUEUE_CAPACITY]} (0 or absent: the processor's default).
 *
 * <pre>{@code
 * java -Xmx4g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness persist burst ours 262144
 * }</pre>
 */
final class PersistScenario implements Scenario {

    static final int BURST = 200_000;
    static final int STEADY_RATE = 100_000;
    static final int STEADY_SECONDS = 3;
    static final int WARMUP_ROUNDS = 2;

    @Override
    public void run(String[] args, Results results) throws Exception {
        boolean burst = args[0].equals("burst");
        int queueCapacity = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<ReadableSpan> spans = endedSpans(BURST);
        warmUp(args[1], queueCapacity, spans);
        Path directory = Files.createTempDirectory("persist-" + args[1]);
        try {
            PersistSide side = PersistSide.create(args[1], queueCapacity, directory);
            long offered = burst ? burst(side, spans, results) : steady(side, spans, results);
            results.put("dropped", offered - side.written());
            results.put("fileBytesPerSpan", directorySize(directory) / (double) side.written());
            side.processor().shutdown().join(1, TimeUnit.MINUTES);
        } finally {
            deleteDirectory(directory);
        }
    }

    /** Runs the same paths untimed first, so the JIT has compiled them: the figures are of a warm process. */
    private static void warmUp(String side, int queueCapacity, List<ReadableSpan> spans) throws Exception {
        Path directory = Files.createTempDirectory("persist-warmup");
        try {
            PersistSide warm = PersistSide.create(side, queueCapacity, directory);
            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                spans.forEach(warm.processor()::onEnd);
                warm.flush();
            }
            warm.processor().shutdown().join(1, TimeUnit.MINUTES);
        } finally {
            deleteDirectory(directory);
        }
        System.gc();
    }

    private static long burst(PersistSide side, List<ReadableSpan> spans, Results results) {
        SpanProcessor processor = side.processor();
        long start = System.nanoTime();
        for (ReadableSpan span : spans) {
            processor.onEnd(span);
        }
        long offeredAt = System.nanoTime();
        side.flush();
        long end = System.nanoTime();
        results.put("offerSpansPerSecond", spans.size() / seconds(offeredAt - start));
        results.put("spansPerSecond", side.written() / seconds(end - start));
        return spans.size();
    }

    private static long steady(PersistSide side, List<ReadableSpan> spans, Results results) {
        SpanProcessor processor = side.processor();
        int perMillisecond = STEADY_RATE / 1000;
        long total = (long) STEADY_RATE * STEADY_SECONDS;
        long start = System.nanoTime();
        long offered = 0;
        while (offered < total) {
            long due = Math.min(total, (System.nanoTime() - start) / 1_000_000 * perMillisecond + perMillisecond);
            while (offered < due) {
                processor.onEnd(spans.get((int) (offered++ % spans.size())));
            }
            Thread.onSpinWait();
        }
        results.put("offeredSpansPerSecond", offered / seconds(System.nanoTime() - start));
        side.flush();
        return offered;
    }

    static List<ReadableSpan> endedSpans(int count) {
        Workload workload = Workload.ofSpans(count);
        List<StoredSpan> stored = new ArrayList<>(count);
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            stored.addAll(workload.trace(trace));
        }
        return SdkSpans.ended(stored);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static long directorySize(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    static void deleteDirectory(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            files.forEach(file -> file.toFile().delete());
        }
        Files.deleteIfExists(directory);
    }
}
