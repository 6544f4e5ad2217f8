package dev.tracestore.benchmarks.jmh;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.RecordingSampler;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * What {@code tracestore.capture=all} costs a request when the app samples 10 %: a server span and one child, with
 * five attributes each, started and ended on the application thread. {@code sampled}: the app's sampler as is, our
 * processor keeps the sampled tenth. {@code all}: the sampler wrapped in {@link RecordingSampler}, so the other nine
 * tenths are recorded too and our processor keeps every request.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CaptureBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@org.openjdk.jmh.annotations.State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class CaptureBenchmark {

    @Param({"sampled", "all"})
    public String capture;

    private SdkTracerProvider provider;
    private Tracer tracer;
    private int request;

    @Setup
    public void setUp() {
        boolean all = capture.equals("all");
        Sampler appSampler = Sampler.parentBased(Sampler.traceIdRatioBased(0.1));
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(100_000))
                .captureUnsampled(all).build();
        provider = SdkTracerProvider.builder()
                .setSampler(all ? RecordingSampler.wrap(appSampler) : appSampler)
                .addSpanProcessor(processor)
                .build();
        tracer = provider.get("dev.tracestore.benchmarks");
    }

    @TearDown
    public void tearDown() {
        provider.shutdown().join(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public void request() {
        int id = request++;
        Span server = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "GET").setAttribute("http.route", "/orders/{id}")
                .setAttribute("http.response.status_code", 200L).setAttribute("url.path", "/orders/" + id)
                .setAttribute("server.address", "shop").startSpan();
        try (Scope ignored = server.makeCurrent()) {
            tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system", "postgresql").setAttribute("db.operation", "SELECT")
                    .setAttribute("db.sql.table", "orders").setAttribute("server.port", 5432L)
                    .setAttribute("order.id", (long) id).startSpan().end();
        } finally {
            server.end();
        }
    }
}
