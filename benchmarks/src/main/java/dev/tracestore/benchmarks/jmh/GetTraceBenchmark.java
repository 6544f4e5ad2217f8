package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import zipkin2.Span;
import zipkin2.storage.InMemoryStorage;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code getTrace} by ID on a full store of {@code spans} spans: ours beside Zipkin's {@link InMemoryStorage}.
 * Each side builds only its own store (JMH creates a state only for the benchmarks that use it).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar GetTraceBenchmark -p spans=100000
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class GetTraceBenchmark {

    /** Trace IDs to look up, drawn once with a fixed seed so both sides see the same sequence. */
    @State(Scope.Benchmark)
    public static class TraceIds {
        @Param("1000000")
        public int spans;

        Workload workload;
        String[] ids;
        int next;

        @Setup
        public void setUp() {
            workload = Workload.ofSpans(spans);
            SplittableRandom random = new SplittableRandom(7);
            ids = new String[4096];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = workload.traceId(random.nextInt(workload.traceCount()));
            }
        }

        String next() {
            return ids[next++ & (ids.length - 1)];
        }
    }

    /** Our store, filled with the workload. */
    @State(Scope.Benchmark)
    public static class Ours {
        InMemorySpanStore store;

        @Setup
        public void setUp(TraceIds ids) {
            store = Stores.ours(ids.workload);
        }
    }

    /** Zipkin's storage, filled with the same workload. */
    @State(Scope.Benchmark)
    public static class Zipkin {
        InMemoryStorage storage;

        @Setup
        public void setUp(TraceIds ids) {
            storage = Stores.zipkin(ids.workload);
        }
    }

    @Benchmark
    public List<StoredSpan> ours(Ours ours, TraceIds ids) {
        return ours.store.getTrace(ids.next());
    }

    @Benchmark
    public List<Span> zipkin(Zipkin zipkin, TraceIds ids) {
        return Stores.execute(zipkin.storage.getTrace(ids.next()));
    }
}
