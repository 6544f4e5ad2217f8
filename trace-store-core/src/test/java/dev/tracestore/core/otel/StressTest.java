package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads end spans as fast as they can through the real SDK and a processor with a file directory while
 * four threads query the store; afterwards every count is exact and memory did not grow with the number of spans.
 * The default suite runs it for a few seconds; {@code ./mvnw -Pstress -pl trace-store-core verify} runs the
 * minute-long version. Queries are seeded: a failure prints the seed, {@code -Dstress.seed=N} replays the queries.
 */
class StressTest {

    private static final int WRITERS = 8;
    private static final int READERS = 4;
    private static final int MAX_SPANS = 20_000;
    private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
            "checkout"));

    @TempDir
    Path directory;

    @Test
    void aFewSecondsOfWritersAndReaders() throws Exception {
        stress(Duration.ofSeconds(4), true);
    }

    @Test
    @Tag("stress")
    void aMinuteOfWritersAndReaders() throws Exception {
        stress(Duration.ofSeconds(60), false);
    }

    private void stress(Duration duration, boolean readFileBack) throws Exception {
        long seed = Long.getLong("stress.seed", System.nanoTime());
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(MAX_SPANS).build();
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE).addSpanProcessor(processor)
                .build();
        Tracer tracer = provider.get("stress");
        Load load = new Load(tracer, store, seed);
        try {
            // A first quarter fills the store; what the heap holds then is the bound the rest must keep.
            load.run(duration.dividedBy(4));
            long heapWhenFull = heapAfterGc();
            load.run(duration.minus(duration.dividedBy(4)));
            long heapAtEnd = heapAfterGc();
            assertThat(processor.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

            String figures = String.format("StressTest seed %d: %d spans ended in %s (%.0f/s), %d queries, %d stored, "
                    + "%d written, %d dropped (queue full), heap %d MB when full, %d MB at the end (rerun queries with "
                    + "-Dstress.seed=%d)", seed, load.ended.get(), duration,
                    load.ended.get() / (double) duration.toSeconds(), load.queries.get(), store.size(),
                    processor.writtenSpanCount(), processor.droppedSpanCount(), heapWhenFull >> 20, heapAtEnd >> 20,
                    seed);
            System.out.println(figures);
            assertThat(load.errors).as(figures).isEmpty();
            long total = load.ended.get();
            assertThat(total).as(figures).isGreaterThan(MAX_SPANS);
            // A span is either dropped (the queue was full) and counted, or kept: stored and written.
            long kept = total - processor.droppedSpanCount();
            assertThat(store.size()).as(figures).isEqualTo((int) Math.min(kept, MAX_SPANS));
            // spans ended while the (empty) directory was reloaded are held back; beyond capacity they are counted there
            assertThat(store.evictedCount() + processor.evictedWhileReloadingCount()).as(figures)
                    .isEqualTo(kept - store.size());
            assertThat(processor.writtenSpanCount() + processor.failedSpanCount()).as(figures).isEqualTo(kept);
            assertThat(processor.rejectedSpanCount()).as(figures).isZero();
            assertThat(processor.failedSpanCount()).as(figures).isZero();
            // The store keeps MAX_SPANS spans of about a kilobyte: growth beyond that is a leak.
            assertThat(heapAtEnd - heapWhenFull).as(figures).isLessThan(64L << 20);
            if (readFileBack) {
                ReadResult read = SpanLog.read(directory, span -> { });
                assertThat(read.linesSkipped()).as(figures).isZero();
                assertThat(read.spansRead()).as(figures).isEqualTo(processor.writtenSpanCount());
            }
        } finally {
            provider.shutdown().join(30, TimeUnit.SECONDS);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The writer and reader threads, run for a while and joined; counts and errors add up across runs. */
    private static final class Load {
        final Tracer tracer;
        final InMemorySpanStore store;
        final long seed;
        final AtomicLong ended = new AtomicLong();
        final AtomicLong queries = new AtomicLong();
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        /** Recently ended trace IDs, for getTrace. */
        final AtomicReferenceArray<String> recentTraces = new AtomicReferenceArray<>(1024);
        volatile boolean running;
        int round;

        Load(Tracer tracer, InMemorySpanStore store, long seed) {
            this.tracer = tracer;
            this.store = store;
            this.seed = seed;
        }

        void run(Duration duration) throws InterruptedException {
            running = true;
            round++;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                threads.add(new Thread(() -> guarded(() -> write(writer)), "stress-writer-" + i));
            }
            for (int i = 0; i < READERS; i++) {
                Random random = new Random(seed + 31L * round + i);
                threads.add(new Thread(() -> guarded(() -> read(random)), "stress-reader-" + i));
            }
            threads.forEach(Thread::start);
            Thread.sleep(duration.toMillis());
            running = false;
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        }

        private void guarded(Runnable work) {
            try {
                work.run();
            } catch (Throwable e) {
                errors.add(e);
            }
        }

        /** A server span and its child per request; unique request IDs, now and then a failure or a huge value. */
        private void write(int writer) {
            long n = 0;
            while (running) {
                n++;
                Span server = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
                try (Scope ignored = server.makeCurrent()) {
                    Span child = tracer.spanBuilder(n % 100 == 0 ? "odd-name-" + writer + "-" + n : "order.find")
                            .startSpan();
                    child.setAttribute("request.id", writer + "-" + n);
                    if (n % 1000 == 0) {
                        child.setAttribute("payload", "x".repeat(5_000));
                        child.setAttribute("http.request.header.authorization", "Bearer secret");
                    }
                    child.end();
                } finally {
                    server.setAttribute("http.route", "/orders/{id}");
                    server.setAttribute("http.response.status_code", n % 50 == 0 ? 500L : 200L);
                    if (n % 50 == 0) {
                        server.recordException(new IllegalStateException("boom " + n));
                        server.setStatus(StatusCode.ERROR);
                    }
                    server.end();
                }
                ended.addAndGet(2);
                recentTraces.set((int) (n % recentTraces.length()), server.getSpanContext().getTraceId());
            }
        }

        private void read(Random random) {
            while (running) {
                queries.incrementAndGet();
                switch (random.nextInt(4)) {
                    case 0 -> {
                        SpanQuery query = randomQuery(random);
                        List<StoredSpan> spans = store.findSpans(query);
                        assertThat(spans.size()).isLessThanOrEqualTo(query.limit());
                    }
                    case 1 -> {
                        SpanQuery query = randomQuery(random);
                        List<TraceSummary> traces = store.findTraces(query);
                        assertThat(traces.size()).isLessThanOrEqualTo(query.limit());
                    }
                    case 2 -> {
                        String traceId = recentTraces.get(random.nextInt(recentTraces.length()));
                        if (traceId != null) {
                            assertThat(store.getTrace(traceId)).allSatisfy(span ->
                                    assertThat(span.traceId()).isEqualTo(traceId));
                        }
                    }
                    default -> assertThat(store.size()).isBetween(0, MAX_SPANS);
                }
            }
        }

        private static SpanQuery randomQuery(Random random) {
            SpanQuery.Builder query = SpanQuery.builder().limit(1 + random.nextInt(200))
                    .order(SpanOrder.values()[random.nextInt(SpanOrder.values().length)]);
            switch (random.nextInt(6)) {
                case 0 -> query.spanName("order.find");
                case 1 -> query.failedOnly(true);
                case 2 -> query.attribute(AttributeFilter.of("http.response.status_code",
                        AttributeFilter.Operator.GREATER_OR_EQUAL, 500L));
                case 3 -> query.attribute(AttributeFilter.parse("request.id=~" + random.nextInt(8) + "-1.*"));
                case 4 -> query.lookback(Duration.ofMillis(1 + random.nextInt(2_000)));
                default -> query.minDuration(Duration.ofNanos(random.nextInt(100_000)));
            }
            if (random.nextBoolean()) {
                query.service("checkout");
            }
            return query.build();
        }
    }
}
