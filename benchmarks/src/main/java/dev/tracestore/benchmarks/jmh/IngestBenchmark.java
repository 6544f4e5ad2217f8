package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.benchmarks.workload.ZipkinSpans;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import zipkin2.Span;
import zipkin2.storage.InMemoryStorage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Adding one span to a full store, so that every add also evicts: ours ({@code add}) beside Zipkin's
 * {@code accept(List.of(span))}. Each iteration starts from a store filled with {@value #CAPACITY} spans and
 * adds {@value #CAPACITY} newer ones, so no span is ever added twice (Zipkin evicts by timestamp, and a
 * replayed old span would be evicted at once).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar IngestBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestBenchmark {

    static final int CAPACITY = 100_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The spans of two full stores: the first half fills, the second half is measured. */
    @State(Scope.Benchmark)
    public static class Spans {
        final Workload workload = Workload.ofSpans(2 * CAPACITY);
        List<StoredSpan> spans;

        @Setup
        public void setUp() {
            spans = new ArrayList<>(2 * CAPACITY);
            for (int trace = 0; trace < workload.traceCount(); trace++) {
                spans.addAll(workload.trace(trace));
            }
        }
    }

    /** A full store of ours, refilled before each iteration. */
    @State(Scope.Benchmark)
    public static class Ours {
        InMemorySpanStore store;

        @Setup(Level.Iteration)
        public void setUp(Spans spans) {
            store = new InMemorySpanStore(CAPACITY);
            spans.spans.subList(0, CAPACITY).forEach(store::add);
        }
    }

    /** A full Zipkin storage, refilled before each iteration. */
    @State(Scope.Benchmark)
    public static class Zipkin {
        List<Span> spans;
        InMemoryStorage storage;

        @Setup
        public void convert(Spans spans) {
            this.spans = new ZipkinSpans().convert(spans.spans);
        }

        @Setup(Level.Iteration)
        public void setUp() {
            storage = InMemoryStorage.newBuilder().maxSpanCount(CAPACITY).build();
            Stores.execute(storage.accept(spans.subList(0, CAPACITY)));
        }
    }

    /**
     * Also prints the CPU time of the adding thread per span ({@code cpu: 812.4 ns/op}), which on a shared machine
     * says more than the wall-clock score; measured here rather than by {@link CpuPerOperation}, whose set-up might
     * run before the store's refill and count it.
     */
    @Benchmark
    @OperationsPerInvocation(CAPACITY)
    public InMemorySpanStore ours(Ours ours, Spans spans) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = CAPACITY; i < 2 * CAPACITY; i++) {
            ours.store.add(spans.spans.get(i));
        }
        System.out.printf(Locale.ROOT, "cpu: %.1f ns/op%n", (THREADS.getCurrentThreadCpuTime() - cpu) / (double) CAPACITY);
        return ours.store;
    }

    @Benchmark
    @OperationsPerInvocation(CAPACITY)
    public InMemoryStorage zipkin(Zipkin zipkin) {
        for (int i = CAPACITY; i < 2 * CAPACITY; i++) {
            Stores.execute(zipkin.storage.accept(List.of(zipkin.spans.get(i))));
        }
        return zipkin.storage;
    }
}
