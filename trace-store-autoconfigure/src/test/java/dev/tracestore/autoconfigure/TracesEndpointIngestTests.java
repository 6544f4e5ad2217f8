package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint over a running processor: it sees the spans ended just before a query, and says when it reloads. */
class TracesEndpointIngestTests {

    @TempDir
    Path directory;

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void shutDown() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    @Test
    void aSearchSeesTheSpansEndedJustBeforeItAlthoughTheWorkerStoresInBatches() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        // the worker would wait an hour for more spans before storing these: the query must not
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).ingestDelay(Duration.ofHours(1))
                .build();
        ActuatorCalls calls = new ActuatorCalls(new TracesEndpoint(store, processor,
                TracesEndpoint.DEFAULT_MAX_SPANS, TracesEndpoint.DEFAULT_MAX_BYTES));
        tracer(processor).spanBuilder("checkout").startSpan().end();

        WebEndpointResponse<?> response = calls.search("view", "spans");

        JsonNode spans = ActuatorCalls.json(response);
        assertThat(spans.get("spans").values()).extracting(span -> span.get("name").asString())
                .containsExactly("checkout");
        assertThat(spans.get("reloading").asBoolean()).isFalse();
    }

    @Test
    void whileTheFilesAreReloadedAnswersWhatIsLoadedAndSaysSo() {
        FileBasedSpanProcessor before = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        tracer(before).spanBuilder("before restart").startSpan().end();
        assertThat(before.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        CountDownLatch reloadMayGoOn = new CountDownLatch(1);
        SpanStore store = new ReloadHoldingStore(new InMemorySpanStore(100), reloadMayGoOn);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
        try {
            ActuatorCalls calls = new ActuatorCalls(new TracesEndpoint(store, processor,
                TracesEndpoint.DEFAULT_MAX_SPANS, TracesEndpoint.DEFAULT_MAX_BYTES));
            assertThat(((TracesDescriptor) calls.search().getBody()).reloading()).isTrue();
            assertThat(ActuatorCalls.json(calls.trace("failures")).get("reloading").asBoolean()).isTrue();

            reloadMayGoOn.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
            TracesDescriptor traces = (TracesDescriptor) calls.search().getBody();
            assertThat(traces.reloading()).isFalse();
            assertThat(traces.traces()).extracting(TracesDescriptor.Summary::rootName)
                    .containsExactly("before restart");
        } finally {
            reloadMayGoOn.countDown();
            processor.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** Holds the reload thread's adds until the test lets them go on. */
    private static final class ReloadHoldingStore extends ForwardingSpanStore {

        private final CountDownLatch reloadMayGoOn;

        ReloadHoldingStore(SpanStore store, CountDownLatch reloadMayGoOn) {
            super(store);
            this.reloadMayGoOn = reloadMayGoOn;
        }

        @Override
        public void add(StoredSpan span) {
            if (Thread.currentThread().getName().equals("trace-store-reload")) {
                try {
                    reloadMayGoOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.add(span);
        }
    }
}
