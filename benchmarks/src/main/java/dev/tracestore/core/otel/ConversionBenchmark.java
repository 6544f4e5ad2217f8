package dev.tracestore.core.otel;

import dev.tracestore.benchmarks.jmh.CpuPerOperation;
import dev.tracestore.benchmarks.workload.SdkSpans;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the ingest thread spends on one ended span before storing it: {@code toSpanData}, the exclusions (the
 * default {@code /actuator/**}), the redaction and limits, the {@link StoredSpan}. Genuine ended SDK spans of the
 * standard workload (10 attributes each), taken in turn.
 * In this package because the conversion is package-private; run with {@code -prof gc} for the bytes per span.
 * Prints the CPU time per span after each iteration too ({@link CpuPerOperation}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ConversionBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ConversionBenchmark {

    /** {@code defaults}: the starter's default redaction; {@code none}: no redaction terms. */
    @Param({"defaults", "none"})
    public String redaction;

    /**
     * Spans converted in turn: {@code 512}, their data in the CPU's caches (the cost of the code); {@code 20000},
     * most of them read from memory, as for spans ended a few milliseconds before on another thread.
     */
    @Param({"512", "20000"})
    public int spanCount;

    private SpanExclusions exclusions;
    private SpanDataConverter converter;
    private ReadableSpan[] spans;
    private int next;

    @Setup
    public void setUp() {
        Workload workload = Workload.ofSpans(spanCount);
        List<StoredSpan> stored = new ArrayList<>();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            stored.addAll(workload.trace(trace));
        }
        spans = SdkSpans.ended(stored).toArray(ReadableSpan[]::new);
        Redaction rules = redaction.equals("none") ? Redaction.none() : Redaction.defaults();
        exclusions = SpanExclusions.of(List.of("/actuator/**"));
        converter = new SpanDataConverter(new AttributeSanitizer(rules,
                FileBasedSpanProcessorBuilder.DEFAULT_MAX_ATTRIBUTE_LENGTH,
                FileBasedSpanProcessorBuilder.DEFAULT_MAX_ATTRIBUTES));
    }

    @Benchmark
    public StoredSpan convert(CpuPerOperation cpu) {
        cpu.count(1);
        ReadableSpan span = spans[next];
        next = next + 1 == spans.length ? 0 : next + 1;
        SpanData data = span.toSpanData();
        return exclusions.test(data) ? null : converter.convert(data);
    }
}
