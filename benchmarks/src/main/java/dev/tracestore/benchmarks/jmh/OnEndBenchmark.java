package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.SdkSpans;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one {@code onEnd(ReadableSpan)} on the application thread: ours in memory, ours with files, and a
 * no-op processor. The spans are genuine ended SDK spans. The store starts full, so every call also evicts.
 * With files, the benchmark thread offers spans far faster than an application would, so the queue fills and
 * most calls take the (cheaper) drop path; the tear-down prints how many were dropped.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar OnEndBenchmark -p processor=memory
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class OnEndBenchmark {

    @Param({"noop", "memory", "file"})
    public String processor;

    private Processors.Made made;
    private ReadableSpan[] spans;
    private int next;

    @Setup
    public void setUp() {
        Workload workload = Workload.ofSpans(20_000);
        List<StoredSpan> stored = new ArrayList<>();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            stored.addAll(workload.trace(trace));
        }
        spans = SdkSpans.ended(stored).toArray(ReadableSpan[]::new);
        made = Processors.make(processor);
        for (int i = 0; i < Processors.STORE_CAPACITY; i++) {
            onEnd();
        }
        made.processor().forceFlush().join(30, TimeUnit.SECONDS);
    }

    @TearDown
    public void tearDown() {
        System.out.println("\nspans dropped (queue full): " + made.dropped());
        made.close();
    }

    @Benchmark
    public void onEnd() {
        made.processor().onEnd(spans[next]);
        next = next + 1 == spans.length ? 0 : next + 1;
    }
}
