package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FileBasedSpanProcessorTest {

    private static final Resource RESOURCE = Resource.getDefault()
            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));

    @TempDir
    Path directory;

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private Tracer tracer(FileBasedSpanProcessor processor, Sampler sampler) {
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE).setSampler(sampler)
                .addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("dev.tracestore.test", "1.2.3");
    }

    @Test
    void storesNestedSpansWithEveryFieldAndWritesWhatTheStoreHolds() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        SpanContext linked = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());

        Span root = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
        String traceId = root.getSpanContext().getTraceId();
        try (Scope ignored = root.makeCurrent()) {
            Span child = tracer.spanBuilder("inventory.check").addLink(linked, Attributes.of(
                    AttributeKey.stringKey("link.reason"), "batch")).startSpan();
            child.setAttribute("s", "text");
            child.setAttribute("l", 42L);
            child.setAttribute("d", 2.5);
            child.setAttribute("b", true);
            child.setAttribute(AttributeKey.stringArrayKey("sa"), List.of("x", "y"));
            child.setAttribute(AttributeKey.longArrayKey("la"), List.of(1L, 2L));
            child.setAttribute(AttributeKey.doubleArrayKey("da"), List.of(0.5));
            child.setAttribute(AttributeKey.booleanArrayKey("ba"), List.of(true, false));
            child.addEvent("cache.miss", Attributes.of(AttributeKey.longKey("attempt"), 2L));
            child.recordException(new IllegalStateException("out of stock"));
            child.setStatus(StatusCode.ERROR, "out of stock");
            child.end();
        } finally {
            root.end();
        }

        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        List<StoredSpan> trace = store.getTrace(traceId);
        assertThat(trace).hasSize(2);
        StoredSpan server = trace.get(0);
        StoredSpan child = trace.get(1);
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.isRoot()).isTrue();
        assertThat(server.serviceName()).isEqualTo("checkout");
        assertThat(server.scope().getName()).isEqualTo("dev.tracestore.test");
        assertThat(server.scope().getVersion()).isEqualTo("1.2.3");
        assertThat(child.parentSpanId()).isEqualTo(server.spanId());
        assertThat(child.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(child.statusMessage()).isEqualTo("out of stock");
        assertThat(child.attributes().get(AttributeKey.longArrayKey("la"))).containsExactly(1L, 2L);
        assertThat(child.attributes().get(AttributeKey.booleanKey("b"))).isTrue();
        assertThat(child.events()).extracting(SpanEvent::name).containsExactly("cache.miss", "exception");
        assertThat(child.events().get(1).attributes().get(AttributeKey.stringKey("exception.type")))
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(child.links()).singleElement().satisfies(link -> {
            assertThat(link.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(link.attributes().get(AttributeKey.stringKey("link.reason"))).isEqualTo("batch");
        });

        List<StoredSpan> fromFile = new ArrayList<>();
        ReadResult read = SpanLog.read(directory, fromFile::add);
        assertThat(read.linesSkipped()).isZero();
        fromFile.sort(Comparator.comparingLong(StoredSpan::startEpochNanos));
        assertThat(fromFile).isEqualTo(trace);
        assertThat(processor.writtenSpanCount()).isEqualTo(2);
    }

    @Test
    void aNewProcessorOverTheSameDirectoryReloadsTheNewestSpans() {
        FileBasedSpanProcessor first = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        Tracer tracer = tracer(first, Sampler.alwaysOn());
        List<String> traceIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Span span = tracer.spanBuilder("op-" + i).startSpan();
            traceIds.add(span.getSpanContext().getTraceId());
            span.end();
        }
        assertThat(first.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        InMemorySpanStore restarted = new InMemorySpanStore(20);
        FileBasedSpanProcessor second = FileBasedSpanProcessor.builder(restarted).directory(directory).build();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !second.isReloading());
            assertThat(second.reloaded().spansRead()).as("only what the store can hold is read").isEqualTo(20);
            assertThat(restarted.size()).isEqualTo(20);
            assertThat(restarted.getTrace(traceIds.get(29))).extracting(StoredSpan::name).containsExactly("op-29");
            assertThat(restarted.getTrace(traceIds.get(9))).isEmpty();
        } finally {
            second.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ignoresSpansThatAreNotSampled() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOff());
        tracer.spanBuilder("dropped").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(store.size()).isZero();
        assertThat(processor.isFileLogActive()).isFalse();
    }

    @Test
    void aFullQueueDropsTheSpanAndCountsIt() {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory)
                .queueCapacity(1).maxBatchSize(1).flushInterval(Duration.ofHours(1)).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        for (int i = 0; i < 5_000; i++) {
            tracer.spanBuilder("burst").startSpan().end();
        }
        processor.forceFlush().join(10, TimeUnit.SECONDS);

        assertThat(processor.droppedSpanCount()).isPositive();
        assertThat(store.size() + processor.droppedSpanCount()).isEqualTo(5_000);
        assertThat(processor.writtenSpanCount()).isEqualTo(store.size());
    }

    @Test
    void forceFlushWritesEverythingQueuedBeforeItAndShutdownIsIdempotent() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory)
                .flushInterval(Duration.ofHours(1)).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 1_000; i++) {
                tracer.spanBuilder("round-" + round).startSpan().end();
            }
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(SpanLog.read(directory, span -> { }).spansRead()).isEqualTo(round * 1_000L);
        }
        assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(processor.shutdown().isSuccess()).isTrue();
        assertThat(processor.forceFlush().isSuccess()).isTrue();
        tracer.spanBuilder("after shutdown").startSpan().end();
        assertThat(store.size()).isEqualTo(3_000);
    }

    @Test
    void countsWrittenBytesAndTimedBatchWrites() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(1_000))
                .directory(directory).maxBatchSize(10).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        for (int i = 0; i < 95; i++) {
            tracer.spanBuilder("op-" + i).startSpan().end();
        }
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(processor.directory()).contains(directory);
        assertThat(processor.writtenSpanCount()).isEqualTo(95);
        assertThat(processor.writtenByteCount()).isEqualTo(Files.size(directory.resolve("spans.jsonl")));
        assertThat(processor.batchWriteCount()).isBetween(10L, 95L);
        assertThat(processor.batchWriteNanos()).isPositive();
        assertThat(SpanLog.spanFiles(directory)).containsExactly(directory.resolve("spans.jsonl"));
    }

    @Test
    void aMemoryOnlyProcessorHasNoDirectoryAndWritesNothing() {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10)).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        tracer.spanBuilder("kept").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(processor.store().size()).isEqualTo(1);
        assertThat(processor.directory()).isEmpty();
        assertThat(processor.writtenByteCount()).isZero();
        assertThat(processor.batchWriteCount()).isZero();
    }

    @Test
    void anUnusableDirectoryKeepsSpansInMemoryAndSaysWhy() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("occupied"), "x");
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(notADirectory).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        tracer.spanBuilder("kept").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("nothing was written").isFalse();

        assertThat(processor.isFileLogActive()).isFalse();
        assertThat(processor.lastWriteError()).hasValueSatisfying(reason -> assertThat(reason).contains("occupied"));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFailingStoreNeverReachesTheApplicationThread() {
        InMemorySpanStore backing = new InMemorySpanStore(10);
        SpanStore failing = new ForwardingSpanStore(backing) {
            @Override
            public void add(StoredSpan span) {
                throw new IllegalStateException("store broken");
            }
        };
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(failing).queueCapacity(10).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn());
        for (int i = 0; i < 1_000; i++) {
            tracer.spanBuilder("span").startSpan().end();
        }
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(processor.rejectedSpanCount()).isPositive();
        assertThat(processor.rejectedSpanCount() + processor.droppedSpanCount()).isEqualTo(1_000);
    }

    @Test
    void builderRejectsBadSettingsByName() {
        FileBasedSpanProcessor.Builder builder = FileBasedSpanProcessor.builder(new InMemorySpanStore(1));
        assertThatThrownBy(() -> builder.queueCapacity(0)).hasMessageStartingWith("queueCapacity");
        assertThatThrownBy(() -> builder.maxBatchSize(0)).hasMessageStartingWith("maxBatchSize");
        assertThatThrownBy(() -> builder.flushInterval(Duration.ZERO)).hasMessageStartingWith("flushInterval");
        assertThatThrownBy(() -> builder.ingestDelay(Duration.ofMillis(-1))).hasMessageStartingWith("ingestDelay");
        assertThatThrownBy(() -> FileBasedSpanProcessor.builder(null)).hasMessageContaining("store");
    }
}
