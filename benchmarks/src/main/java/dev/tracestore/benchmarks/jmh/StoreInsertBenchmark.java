package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.HttpRequestSpans;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The store insert alone as the ingest thread meets it: spans made just before they are added (fresh values, as
 * the converter hands them over), into a full store of {@value #CAPACITY} spans, so every add also evicts. Each
 * invocation makes {@value #BATCH} spans untimed by the thread-CPU clock, then adds them; after every iteration it
 * prints the adding thread's CPU per span for the adds only ({@code insert cpu: 1234.5 ns/span}), which on a
 * shared machine says more than the wall-clock score (that one includes making the spans).
 *
 * <p>Shapes: {@code workload} is the benchmark {@link Workload} (10-span traces, 10 attributes each); {@code http}
 * is the sample app's {@code GET /orders/{id}} ({@link HttpRequestSpans}: a server span with the HTTP semantic
 * conventions and four children).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar StoreInsertBenchmark -p shape=http
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class StoreInsertBenchmark {

    static final int CAPACITY = 100_000;
    static final int BATCH = 500;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"workload", "http"})
    public String shape;

    private InMemorySpanStore store;
    private Workload workload;
    private HttpRequestSpans http;
    private int nextTrace;
    private final List<StoredSpan> batch = new ArrayList<>(BATCH + 16);
    private long insertCpu;
    private long inserted;

    @Setup(Level.Trial)
    public void fill() {
        workload = new Workload(42, Integer.MAX_VALUE / 16);
        http = new HttpRequestSpans(42);
        store = new InMemorySpanStore(CAPACITY);
        while (inserted < CAPACITY) {
            makeBatch();
            batch.forEach(store::add);
            inserted += batch.size();
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        insertCpu = 0;
        inserted = 0;
    }

    @Setup(Level.Invocation)
    public void makeBatch() {
        batch.clear();
        while (batch.size() < BATCH) {
            batch.addAll(shape.equals("http") ? http.request(nextTrace++) : workload.trace(nextTrace++));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public InMemorySpanStore add() {
        long cpu = THREADS.getCurrentThreadCpuTime();
        List<StoredSpan> spans = batch;
        for (int i = 0; i < spans.size(); i++) {
            store.add(spans.get(i));
        }
        insertCpu += THREADS.getCurrentThreadCpuTime() - cpu;
        inserted += spans.size();
        return store;
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(Locale.ROOT, "insert cpu: %.1f ns/span%n", insertCpu / (double) Math.max(1, inserted));
    }
}
