package dev.tracestore.benchmarks.jmh;

import dev.tracestore.core.analysis.CriticalPath;
import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.RepeatedCall;
import dev.tracestore.core.analysis.RepeatedCallDetector;
import dev.tracestore.core.analysis.TraceStatistics;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The per-trace analyses on one 10 000-span trace (issue 12 target: at most 20 ms each): a server span over 2 000
 * item spans, sequential with some overlap, each with four children, three of them database queries with literals
 * (the statements differ per item, so every one is normalized) and one client call; some children overflow their
 * parent. Three services.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar TraceAnalysisBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TraceAnalysisBenchmark {

    static final int SPANS = 10_000;
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Resource[] SERVICES = {service("shop"), service("billing"), service("stock")};

    private List<StoredSpan> trace;
    private final RepeatedCallDetector detector = RepeatedCallDetector.withDefaults();

    @Setup
    public void setUp() {
        trace = trace(new Random(42));
    }

    @Benchmark
    public List<OperationStatistics> statistics() {
        return TraceStatistics.of(trace);
    }

    @Benchmark
    public List<CriticalPathSegment> criticalPath() {
        return CriticalPath.of(trace);
    }

    @Benchmark
    public List<RepeatedCall> repeatedCalls() {
        return detector.find(trace);
    }

    static List<StoredSpan> trace(Random random) {
        List<StoredSpan> spans = new ArrayList<>(SPANS);
        long t0 = 1_700_000_000_000_000_000L;
        int items = (SPANS - 1) / 5;
        long itemNanos = 50_000;
        spans.add(span(1, 0, "GET /orders", t0, t0 + items * itemNanos + 1_000, SpanKind.SERVER, SERVICES[0],
                Attributes.empty()));
        int next = 2;
        for (int item = 0; item < items; item++) {
            long start = t0 + item * itemNanos + random.nextInt(10_000);
            long end = start + itemNanos - 5_000 + random.nextInt(10_000);
            int itemId = next++;
            spans.add(span(itemId, 1, "load item", start, end, SpanKind.INTERNAL, SERVICES[0], Attributes.empty()));
            for (int child = 0; child < 4; child++) {
                long childStart = start + child * 12_000 + random.nextInt(3_000);
                long childEnd = childStart + 8_000 + random.nextInt(8_000);
                Attributes attributes = child == 3
                        ? Attributes.of(AttributeKey.stringKey("url.template"), "/prices/{sku}")
                        : Attributes.of(AttributeKey.stringKey("db.statement"), "select * from line_" + child
                                + " where order_id = " + random.nextInt(1_000_000) + " and sku in ('a"
                                + random.nextInt(100) + "', 'b')");
                spans.add(span(next++, itemId, child == 3 ? "GET" : "query", childStart, childEnd, SpanKind.CLIENT,
                        SERVICES[child % SERVICES.length], attributes));
            }
        }
        return spans;
    }

    private static StoredSpan span(int id, int parent, String name, long start, long end, SpanKind kind,
            Resource resource, Attributes attributes) {
        return StoredSpan.builder().traceId(TRACE_ID).spanId(String.format("%016x", id))
                .parentSpanId(parent == 0 ? "" : String.format("%016x", parent))
                .name(name).kind(kind).startEpochNanos(start).endEpochNanos(end)
                .attributes(attributes).resource(resource).build();
    }

    private static Resource service(String name) {
        return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name));
    }
}
