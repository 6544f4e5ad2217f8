package dev.tracestore.benchmarks.harness;

import com.sun.management.ThreadMXBean;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.SpanExclusions;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU and allocation per span of our own threads ({@code trace-store-ingest} and {@code trace-store-store} together,
 * {@code trace-store-writer}) for spans
 * shaped like the sample app's {@code GET /orders/{id}}: a server span with the {@code http.*}, {@code url.*} and
 * {@code server.*} attributes of Boot's observation, set by string key as Micrometer's bridge sets them (a new
 * {@code AttributeKey} per span), and four children ({@code order.find}, {@code inventory.check},
 * {@code pricing.quote}, {@code db.query} with its statement), through a real {@link SdkTracerProvider} and our
 * processor with the starter's defaults: the {@code /actuator/**} exclusion (so every span passes the exclusion
 * of subtrees), default redaction, files on. Each round ends {@value #REQUESTS} requests on the calling thread, then
 * flushes; the first {@value #WARMUP_ROUNDS} rounds are not counted. Reported: medians over the rounds.
 *
 * <p>Arguments: {@code [ROUNDS]}, by default {@value #DEFAULT_ROUNDS}.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness requests 7
 * }</pre>
 */
final class RequestSpansScenario implements Scenario {

    static final int REQUESTS = 20_000;
    static final int SPANS_PER_REQUEST = 5;
    static final int WARMUP_ROUNDS = 3;
    static final int DEFAULT_ROUNDS = 7;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Override
    public void run(String[] args, Results results) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        Path directory = Files.createTempDirectory("requests");
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(100_000))
                .directory(directory).queueCapacity(262_144)
                .exclude(SpanExclusions.of(List.of("/actuator/**"))).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        List<double[]> measured = new ArrayList<>();
        try {
            Tracer tracer = provider.get("org.springframework.boot");
            Thread.sleep(50); // the processor's threads have started
            int request = 0;
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                long[] before = ourThreads();
                long caller = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < REQUESTS; i++) {
                    request(tracer, request++);
                }
                caller = threads.getCurrentThreadCpuTime() - caller;
                processor.forceFlush().join(5, TimeUnit.MINUTES);
                long[] after = ourThreads();
                double spans = REQUESTS * SPANS_PER_REQUEST;
                double[] perSpan = {(after[0] - before[0]) / spans, (after[1] - before[1]) / spans,
                    (after[2] - before[2]) / spans, caller / spans};
                System.out.printf(Locale.ROOT, "round %d ingest %5.0f ns/span  writer %5.0f ns/span  ours %6.0f B/span"
                        + "  caller %5.0f ns/span%s%n", round + 1, perSpan[0], perSpan[1], perSpan[2], perSpan[3],
                        round < WARMUP_ROUNDS ? "  (warm-up)" : "");
                if (round >= WARMUP_ROUNDS) {
                    measured.add(perSpan);
                }
            }
            results.put("ingestCpuNanosPerSpan", median(measured, 0));
            results.put("writerCpuNanosPerSpan", median(measured, 1));
            results.put("ourThreadsCpuNanosPerSpan", median(measured, 0) + median(measured, 1));
            results.put("ourThreadsBytesPerSpan", median(measured, 2));
            results.put("callerCpuNanosPerSpan", median(measured, 3));
            results.put("rounds", rounds);
        } finally {
            provider.shutdown().join(1, TimeUnit.MINUTES);
            PersistScenario.deleteDirectory(directory);
        }
    }

    /** One request of the sample app's shape: server span, a service span and three below it. */
    private static void request(Tracer tracer, int id) {
        String orderId = Integer.toString(id % 1_000);
        Span server = tracer.spanBuilder("http get /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
        Context serverContext = Context.root().with(server);
        Span find = child(tracer, "order.find", serverContext);
        find.setAttribute("order.id", orderId);
        Context findContext = serverContext.with(find);
        Span inventory = child(tracer, "inventory.check", findContext);
        inventory.setAttribute("inventory.warehouse", "main");
        inventory.setAttribute("order.id", orderId);
        inventory.end();
        Span pricing = child(tracer, "pricing.quote", findContext);
        pricing.setAttribute("pricing.currency", "EUR");
        Span query = child(tracer, "SELECT item", findContext.with(pricing));
        query.setAttribute("db.system.name", "h2");
        query.setAttribute("db.query.text", "SELECT price FROM item WHERE order_id = ?");
        query.end();
        pricing.end();
        find.end();
        server.setAttribute("http.request.method", "GET");
        server.setAttribute("http.route", "/orders/{id}");
        server.setAttribute("url.path", "/orders/" + orderId);
        server.setAttribute("url.scheme", "http");
        server.setAttribute("http.response.status_code", "200");
        server.setAttribute("server.address", "localhost");
        server.setAttribute("server.port", "8080");
        server.setAttribute("network.protocol.version", "1.1");
        server.setAttribute("user_agent.original", "wrk");
        server.setAttribute("client.address", "127.0.0.1");
        server.setAttribute("outcome", "SUCCESS");
        server.setAttribute("exception", "none");
        server.updateName("GET /orders/{id}");
        server.end();
    }

    private static Span child(Tracer tracer, String name, Context parent) {
        return tracer.spanBuilder(name).setParent(parent).startSpan();
    }

    /**
     * @return CPU nanoseconds of the ingest thread (with the store thread, where the store has one), of the writer
     *     thread, and bytes allocated by them all
     */
    private long[] ourThreads() {
        long[] sum = new long[3];
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.equals("trace-store-ingest") || name.equals("trace-store-store")
                    || name.equals("trace-store-writer")) {
                sum[name.endsWith("writer") ? 1 : 0] += threads.getThreadCpuTime(info.getThreadId());
                sum[2] += threads.getThreadAllocatedBytes(info.getThreadId());
            }
        }
        return sum;
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
