package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.log.OtlpJsonWriter;
import dev.tracestore.core.model.StoredSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The writer thread's encoding: one batch of {@value #BATCH} stored spans of the standard workload (5 services,
 * 10 attributes each) as one OTLP/JSON line, into a reused buffer, as the span log does. Reported per span; run
 * with {@code -prof gc} for the bytes allocated per span. Prints the CPU time per span after each iteration
 * too ({@link CpuPerOperation}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar EncodingBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class EncodingBenchmark {

    static final int BATCH = 512;

    /**
     * Batches encoded in turn: {@code 1}, the same batch over and over, its data in the CPU's caches (the cost of
     * the code); {@code 40}, 20 480 spans, most of them read from memory (closer to a writer that encodes spans
     * another thread made).
     */
    @Param({"1", "40"})
    public int batchCount;

    private final OtlpJsonWriter writer = new OtlpJsonWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private final List<List<StoredSpan>> batches = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        Workload workload = Workload.ofSpans(BATCH * batchCount + 10);
        List<StoredSpan> spans = new ArrayList<>();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            spans.addAll(workload.trace(trace));
        }
        for (int i = 0; i + BATCH <= spans.size(); i += BATCH) {
            batches.add(List.copyOf(spans.subList(i, i + BATCH)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode(CpuPerOperation cpu) throws IOException {
        cpu.count(BATCH);
        List<StoredSpan> batch = batches.get(next);
        next = next + 1 == batches.size() ? 0 : next + 1;
        out.reset();
        writer.write(batch, out);
        return out.size();
    }
}
