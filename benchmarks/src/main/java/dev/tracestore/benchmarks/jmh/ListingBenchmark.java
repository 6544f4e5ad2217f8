package dev.tracestore.benchmarks.jmh;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Vocabulary;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.Listing;
import dev.tracestore.core.store.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import zipkin2.storage.InMemoryStorage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Listing on a full store of {@code spans} spans: services, a service's operations (ours beside Zipkin's
 * {@code getServiceNames} and {@code getSpanNames}), span attribute keys, the values of a key for autocompletion,
 * and operations over a one-hour window (read from the spans, not the counters).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ListingBenchmark -p spans=1000000
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ListingBenchmark {

    private static final String SERVICE = Vocabulary.SERVICES.get(0);

    /** Our store, filled with the workload. */
    @State(Scope.Benchmark)
    public static class Ours {
        @Param("1000000")
        public int spans;

        InMemorySpanStore store;
        Listing.Window lastHour;

        @Setup
        public void setUp() {
            store = Stores.ours(Workload.ofSpans(spans));
            Instant end = Workload.WINDOW_START.plus(Workload.WINDOW);
            lastHour = Listing.Window.between(end.minus(Duration.ofHours(1)), end);
        }
    }

    /** Zipkin's storage, filled with the same workload. */
    @State(Scope.Benchmark)
    public static class Zipkin {
        @Param("1000000")
        public int spans;

        InMemoryStorage storage;

        @Setup
        public void setUp() {
            storage = Stores.zipkin(Workload.ofSpans(spans));
        }
    }

    @Benchmark
    public SearchResult<Listing.Service> services(Ours ours) {
        return ours.store.listServices(Listing.Window.ALL);
    }

    @Benchmark
    public SearchResult<Listing.Operation> operations(Ours ours) {
        return ours.store.listOperations(SERVICE, Listing.Window.ALL);
    }

    @Benchmark
    public SearchResult<Listing.Operation> operationsLastHour(Ours ours) {
        return ours.store.listOperations(SERVICE, ours.lastHour);
    }

    @Benchmark
    public SearchResult<Listing.Key> spanKeys(Ours ours) {
        return ours.store.listKeys(AttributeFilter.Scope.SPAN, Listing.Window.ALL);
    }

    @Benchmark
    public SearchResult<Listing.Value> routeValues(Ours ours) {
        return ours.store.listValues("http.route", "/api/checkout", 10, Listing.Window.ALL);
    }

    @Benchmark
    public List<String> zipkinServices(Zipkin zipkin) {
        return Stores.execute(zipkin.storage.serviceAndSpanNames().getServiceNames());
    }

    @Benchmark
    public List<String> zipkinSpanNames(Zipkin zipkin) {
        return Stores.execute(zipkin.storage.serviceAndSpanNames().getSpanNames(SERVICE));
    }
}
