package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The way from {@code span.end()} to the store: never blocked by a query, one wake-up for many spans. */
class IngestPipelineTest {

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    private static void end(Tracer tracer, String name, int count) {
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder(name).startSpan().end();
        }
    }

    @Test
    void onEndReturnsWhileAQueryHoldsTheStoreAndTheSpansBeyondTheQueueAreDroppedAndCounted() throws Exception {
        GatedStore store = new GatedStore(1_000, thread -> true);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).queueCapacity(10).maxBatchSize(1)
                .ingestDelay(Duration.ZERO).build();
        Tracer tracer = tracer(processor);
        store.holdAsQuery();
        end(tracer, "first", 1);
        await().atMost(Duration.ofSeconds(10)).until(store::addIsWaiting);

        // The store thread waits for the query's lock with the first span; the application goes on ending spans.
        Thread application = new Thread(() -> end(tracer, "request", 100), "application");
        application.start();
        application.join(10_000);
        assertThat(application.isAlive()).as("span.end() waited for the query's lock").isFalse();
        // Batches of one span: the store thread's queue holds 4, the ingest thread waits with a fifth to hand over,
        // the queue holds 10; the other 85 (up to 90, as the ingest thread may lag behind) are dropped.
        long dropped = processor.droppedSpanCount();
        assertThat(dropped).isBetween(85L, 90L);

        store.release();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(store.size()).as("stored or counted").isEqualTo(101 - dropped);
    }

    @Test
    void theWorkerStoresABatchAtOnceWhileSingleSpansWaitForTheIngestDelay() {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).maxBatchSize(100)
                .ingestDelay(Duration.ofHours(1)).build();
        Tracer tracer = tracer(processor);
        end(tracer, "request", 99);
        assertThat(store.size()).as("a wake-up carries a batch, not a span").isZero();

        end(tracer, "request", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.size() == 100);
    }

    @Test
    void aQueryThatAwaitsIngestSeesTheSpansEndedBeforeItWithoutWaitingForTheDelay() {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
                .ingestDelay(Duration.ofHours(1)).build();
        Tracer tracer = tracer(processor);
        end(tracer, "request", 5);

        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).isTrue();
        assertThat(store.size()).isEqualTo(5);
    }

    @ParameterizedTest(name = "store thread: {0}")
    @ValueSource(booleans = {true, false})
    void spansAreStoredByTheStoreThreadOnlyWhenThereIsOneAndRequestsAreAnsweredEitherWay(boolean storeThread) {
        List<String> storingThreads = Collections.synchronizedList(new ArrayList<>());
        InMemorySpanStore memory = new InMemorySpanStore(1_000);
        SpanStore store = new ForwardingSpanStore(memory) {
            @Override
            public void add(StoredSpan span) {
                storingThreads.add(Thread.currentThread().getName());
                super.add(span);
            }
        };
        SpanCapture capture = new SpanCapture(store, SpanExclusions.none(),
                new AttributeSanitizer(Redaction.defaults(), 100, 128));
        IngestPipeline pipeline = new IngestPipeline(capture, null, null, 1_024, 512,
                TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1), storeThread);
        pipeline.start();
        SdkTracerProvider provider = SdkTracerProvider.builder().build();
        providers.add(provider);
        Tracer tracer = provider.get("test");
        for (int i = 0; i < 700; i++) {
            Span span = tracer.spanBuilder("span-" + i).startSpan();
            span.end();
            pipeline.offer((ReadableSpan) span);
        }

        assertThat(pipeline.awaitIngest(10, TimeUnit.SECONDS)).isTrue();
        assertThat(memory.size()).isEqualTo(700);
        assertThat(pipeline.flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(pipeline.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(storingThreads).hasSize(700)
                .containsOnly(storeThread ? "trace-store-store" : "trace-store-ingest");
        assertThat(pipeline.failure()).isNull();
    }
}
