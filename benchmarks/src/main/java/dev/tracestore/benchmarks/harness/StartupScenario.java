package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: the time building a {@link FileBasedSpanProcessor} takes (what the starter adds to the context's start,
 * besides building the store, reported apart) over a directory holding {@code SPANS} spans, in a fresh JVM as at an
 * application's start (with logging and the OpenTelemetry SDK loaded first, as Spring Boot has done by then), and the
 * time until its background reload is through. The files are written first, untimed.
 *
 * <p>Arguments: {@code SPANS} (0 for an empty directory).
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness startup 1000000
 * }</pre>
 */
final class StartupScenario implements Scenario {

    @Override
    public void run(String[] args, Results results) throws Exception {
        int spans = Integer.parseInt(args[0]);
        Path directory = Files.createTempDirectory("startup");
        try {
            if (spans > 0) {
                ReloadScenario.write(Workload.ofSpans(spans), directory, new Results());
            }
            // What a Spring Boot application has loaded before it creates our beans: logging and the SDK.
            LoggerFactory.getLogger(StartupScenario.class).info("starting a processor over {} spans", spans);
            SdkTracerProvider.builder().build().shutdown().join(10, TimeUnit.SECONDS);
            long storeStart = System.nanoTime();
            InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(Math.max(spans, 100_000)).build();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
            long startNanos = System.nanoTime() - start;
            // CPU time of the starting thread: what a busy machine does not inflate the way it does wall time
            long startCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            awaitReload(processor);
            long reloadNanos = System.nanoTime() - start;
            processor.shutdown().join(30, TimeUnit.SECONDS);
            // The store's columns are sized by max-spans, not by what is on disk: reported apart.
            results.put("storeMillis", (start - storeStart) / 1e6);
            results.put("startMillis", startNanos / 1e6);
            results.put("startCpuMillis", startCpuNanos / 1e6);
            results.put("reloadDoneSeconds", reloadNanos / 1e9);
            results.put("spansReloaded", processor.reloaded().spansRead());
        } finally {
            PersistScenario.deleteDirectory(directory);
        }
    }

    /** Waits for the processor's background reload; polling every millisecond adds at most that to the figure. */
    static void awaitReload(FileBasedSpanProcessor processor) throws InterruptedException {
        while (processor.isReloading()) {
            Thread.sleep(1);
        }
    }
}
