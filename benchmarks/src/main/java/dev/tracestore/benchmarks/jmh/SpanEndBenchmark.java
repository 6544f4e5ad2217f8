package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.SdkSpans;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.Span;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * What an application thread pays in {@code span.end()} through an {@link io.opentelemetry.sdk.trace.SdkTracerProvider}
 * with a given processor: no-op, ours in memory, ours with files, or the SDK's batch processor with the OTLP
 * stdout exporter writing to a file. Spans (10 attributes each) are started untimed, {@value #BATCH} at a time,
 * and the benchmark ends the batch; a sample is the mean over one batch.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SpanEndBenchmark -p processor=noop,memory
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class SpanEndBenchmark {

    /**
     * Small enough that a sample (a few hundred microseconds) is seldom cut by the scheduler on a busy machine,
     * large enough that reading the timer costs nothing per span.
     */
    static final int BATCH = 100;

    @Param({"noop", "memory", "file", "otlp-file"})
    public String processor;

    private Processors.Made made;
    private SdkSpans sdk;
    private List<StoredSpan> spans;
    private final Span[] started = new Span[BATCH];
    private int next;

    @Setup
    public void setUp() {
        Workload workload = Workload.ofSpans(20_000);
        spans = new ArrayList<>();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            spans.addAll(workload.trace(trace));
        }
        made = Processors.make(processor);
        sdk = new SdkSpans(made.processor());
    }

    @Setup(Level.Invocation)
    public void startBatch() {
        for (int i = 0; i < BATCH; i++) {
            started[i] = sdk.start(spans.get(next));
            next = next + 1 == spans.size() ? 0 : next + 1;
        }
    }

    @TearDown
    public void tearDown() {
        System.out.println("\nspans dropped (queue full): " + made.dropped());
        sdk.close();
        made.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void end() {
        for (Span span : started) {
            span.end();
        }
    }
}
