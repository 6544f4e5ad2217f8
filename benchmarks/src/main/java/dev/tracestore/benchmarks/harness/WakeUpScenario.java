package dev.tracestore.benchmarks.harness;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-ups: the context switches of the whole process per "request" while 4 threads each end 5 spans, then pause
 * 1 ms (a paced request rate, as a web app's threads have, not a tight loop that fills the queue), for 8 s, through
 * an {@code SdkTracerProvider} and a {@link FileBasedSpanProcessor} with files. Counted from
 * {@code /proc/self/task/}{@code *}{@code /status} (Linux) while every thread is still alive. The pause costs each
 * request about one switch itself; what the processor adds is the rest. Issue 15 found the worker woken per span.
 *
 * <p>Arguments: none, or {@code none} for the same load through an SDK without our processor (the baseline).
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness wakeups
 * java -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness wakeups none
 * }</pre>
 */
final class WakeUpScenario implements Scenario {

    private static final int THREADS = 4;
    private static final int SPANS_PER_REQUEST = 5;

    @Override
    public void run(String[] args, Results results) throws Exception {
        boolean none = args.length > 0 && args[0].equals("none");
        Path directory = Files.createTempDirectory("wakeups");
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(100_000))
                .directory(directory).build();
        SdkTracerProvider provider = none ? SdkTracerProvider.builder().build()
                : SdkTracerProvider.builder().addSpanProcessor(processor).build();
        try {
            Tracer tracer = provider.get("wakeups");
            AtomicLong requests = new AtomicLong();
            CountDownLatch done = new CountDownLatch(THREADS);
            CountDownLatch counted = new CountDownLatch(1);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            Thread.sleep(1_000);
            long before = contextSwitches();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        for (int span = 0; span < SPANS_PER_REQUEST; span++) {
                            tracer.spanBuilder("span-" + span).startSpan().end();
                        }
                        requests.incrementAndGet();
                        LockSupport.parkNanos(1_000_000);
                    }
                    done.countDown();
                    awaitQuietly(counted); // a finished thread's switches leave /proc with it
                });
                thread.start();
                threads.add(thread);
            }
            done.await();
            long switches = contextSwitches() - before;
            counted.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            results.put("requests", requests.get());
            results.put("contextSwitchesPerRequest", switches / (double) requests.get());
            results.put("dropped", processor.droppedSpanCount());
        } finally {
            provider.shutdown().join(30, TimeUnit.SECONDS);
            processor.shutdown().join(30, TimeUnit.SECONDS);
            PersistScenario.deleteDirectory(directory);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return voluntary and involuntary context switches summed over the live threads of this process */
    private static long contextSwitches() throws IOException {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                        total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        }
        return total;
    }
}
