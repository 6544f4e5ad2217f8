package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans no application should make, each stored or refused by a documented rule; the writer thread survives them all
 * and every file line reads back.
 */
class BadSpansTest {

    @TempDir
    Path directory;

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private Tracer tracer(FileBasedSpanProcessor processor, Sampler sampler, SpanLimits limits) {
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).setSpanLimits(limits)
                .addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        return tracer(processor, Sampler.alwaysOn(), SpanLimits.getDefault());
    }

    /** Flushes, then checks that the file holds exactly what the store holds, every line readable. */
    private static List<StoredSpan> storedAndWritten(FileBasedSpanProcessor processor, Path directory)
            throws IOException {
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        List<StoredSpan> fromFile = new ArrayList<>();
        ReadResult read = SpanLog.read(directory, fromFile::add);
        assertThat(read.linesSkipped()).isZero();
        List<StoredSpan> stored = processor.store().findSpans(dev.tracestore.core.query.SpanQuery.builder()
                .limit(10_000).build());
        Comparator<StoredSpan> order = Comparator.comparing(StoredSpan::spanId);
        assertThat(fromFile.stream().sorted(order).toList()).isEqualTo(stored.stream().sorted(order).toList());
        return stored;
    }

    @Test
    void aOneMegabyteValueIsCutToTheMaximumLengthWithAMarker() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        Span span = tracer(processor).spanBuilder("upload").startSpan();
        span.setAttribute("payload", "x".repeat(1 << 20));
        span.setAttribute(AttributeKey.stringArrayKey("parts"), List.of("y".repeat(5000), "short"));
        span.setAttribute("emoji.at.the.cut", "a".repeat(4095) + "\uD83D\uDE00" + "tail");
        span.end();

        Attributes attributes = storedAndWritten(processor, directory).get(0).attributes();

        assertThat(attributes.get(AttributeKey.stringKey("payload")))
                .isEqualTo("x".repeat(4096) + "...[truncated " + ((1 << 20) - 4096) + " chars]");
        assertThat(attributes.get(AttributeKey.stringArrayKey("parts")))
                .containsExactly("y".repeat(4096) + "...[truncated 904 chars]", "short");
        // The surrogate pair is not split: the emoji goes whole.
        assertThat(attributes.get(AttributeKey.stringKey("emoji.at.the.cut")))
                .isEqualTo("a".repeat(4095) + "...[truncated 6 chars]");
        assertThat(processor.truncatedAttributeValueCount()).isEqualTo(3);
        assertThat(Files.size(directory.resolve("spans.jsonl"))).isLessThan(20_000);
    }

    /** A value cut once keeps its count through reloads, and adds up when a later start keeps fewer characters. */
    @Test
    void aCutValueKeepsItsCountWhenReloaded() throws IOException {
        FileBasedSpanProcessor writing = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).maxAttributeLength(100).build();
        Span span = tracer(writing).spanBuilder("upload").startSpan();
        span.setAttribute("payload", "x".repeat(250));
        span.end();
        assertThat(writing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(writing.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(reloadedPayload(100)).isEqualTo("x".repeat(100) + "...[truncated 150 chars]");
        assertThat(reloadedPayload(40)).isEqualTo("x".repeat(40) + "...[truncated 210 chars]");
    }

    private String reloadedPayload(int maxAttributeLength) {
        FileBasedSpanProcessor reloading = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).maxAttributeLength(maxAttributeLength).build();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !reloading.isReloading());
            List<StoredSpan> spans = reloading.store().findSpans(dev.tracestore.core.query.SpanQuery.builder()
                    .limit(10).build());
            assertThat(spans).hasSize(1);
            return spans.get(0).attributes().get(AttributeKey.stringKey("payload"));
        } finally {
            reloading.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void tenThousandAttributesAreCappedByTheSdkAndCounted() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        AtomicReference<Integer> seenByOnEnd = new AtomicReference<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(new io.opentelemetry.sdk.trace.SpanProcessor() {
                    @Override
                    public void onStart(io.opentelemetry.context.Context context,
                            io.opentelemetry.sdk.trace.ReadWriteSpan span) {
                    }

                    @Override
                    public boolean isStartRequired() {
                        return false;
                    }

                    @Override
                    public void onEnd(ReadableSpan span) {
                        seenByOnEnd.set(span.toSpanData().getAttributes().size());
                    }

                    @Override
                    public boolean isEndRequired() {
                        return true;
                    }
                })
                .addSpanProcessor(processor).build();
        providers.add(provider);
        Span span = provider.get("test").spanBuilder("wide").startSpan();
        for (int i = 0; i < 10_000; i++) {
            span.setAttribute("attribute." + i, i);
        }
        span.end();

        List<StoredSpan> stored = storedAndWritten(processor, directory);

        assertThat(seenByOnEnd.get()).isEqualTo(128);
        assertThat(stored.get(0).attributes().size()).isEqualTo(128);
        assertThat(processor.droppedAttributeCount()).isEqualTo(10_000 - 128);
    }

    @Test
    void withTheSdkLimitsRaisedTheProcessorKeepsTheFirstAttributesInKeyOrder() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).maxAttributes(100).build();
        Tracer tracer = tracer(processor, Sampler.alwaysOn(),
                SpanLimits.builder().setMaxNumberOfAttributes(20_000).build());
        Span span = tracer.spanBuilder("wide").startSpan();
        for (int i = 0; i < 10_000; i++) {
            span.setAttribute(String.format("attribute.%05d", i), i);
        }
        span.end();

        Attributes attributes = storedAndWritten(processor, directory).get(0).attributes();

        assertThat(attributes.size()).isEqualTo(100);
        assertThat(attributes.get(AttributeKey.longKey("attribute.00099"))).isEqualTo(99L);
        assertThat(attributes.get(AttributeKey.longKey("attribute.00100"))).isNull();
        assertThat(processor.droppedAttributeCount()).isEqualTo(9_900);
    }

    @Test
    void nanAndInfinitiesRoundTripThroughTheFile() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        Span span = tracer(processor).spanBuilder("ratios").startSpan();
        span.setAttribute("nan", Double.NaN);
        span.setAttribute("inf", Double.POSITIVE_INFINITY);
        span.setAttribute("minus.inf", Double.NEGATIVE_INFINITY);
        span.setAttribute("negative.zero", -0.0);
        span.setAttribute(AttributeKey.doubleArrayKey("all"), List.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE));
        span.addEvent("measured", Attributes.of(AttributeKey.doubleKey("value"), Double.NaN));
        span.end();

        Attributes attributes = storedAndWritten(processor, directory).get(0).attributes();

        assertThat(attributes.get(AttributeKey.doubleKey("nan"))).isNaN();
        assertThat(attributes.get(AttributeKey.doubleKey("inf"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(attributes.get(AttributeKey.doubleKey("minus.inf"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(attributes.get(AttributeKey.doubleArrayKey("all"))).containsExactly(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE);
        assertThat(Files.readString(directory.resolve("spans.jsonl")))
                .contains("{\"doubleValue\":\"NaN\"}", "{\"doubleValue\":\"Infinity\"}",
                        "{\"doubleValue\":\"-Infinity\"}");
    }

    @Test
    void emptyNamesKeysAndOddTextAreStoredAsTheSdkHandsThemOver() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        Tracer tracer = tracer(processor);
        Span unnamed = tracer.spanBuilder("").startSpan();
        unnamed.end();
        Span renamed = tracer.spanBuilder("first").startSpan();
        renamed.updateName("");
        renamed.setAttribute("", "empty key");
        renamed.setAttribute("lone.surrogate", "a\uD800b");
        renamed.setAttribute("control", "\u0000\u001b[31m\r\n");
        renamed.addEvent("", Attributes.of(AttributeKey.stringKey("empty.event"), ""));
        renamed.end();

        List<StoredSpan> stored = storedAndWritten(processor, directory);

        // The SDK names a span started without a name; a name emptied later stays empty.
        assertThat(stored).extracting(StoredSpan::name).containsExactlyInAnyOrder("<unspecified span name>", "");
        StoredSpan span = stored.stream().filter(s -> s.attributes().size() > 0).findFirst().orElseThrow();
        assertThat(span.attributes().get(AttributeKey.stringKey(""))).isNull();
        assertThat(span.attributes().get(AttributeKey.stringKey("lone.surrogate"))).isEqualTo("a\uD800b");
        assertThat(span.attributes().get(AttributeKey.stringKey("control"))).isEqualTo("\u0000\u001b[31m\r\n");
        assertThat(span.events()).singleElement().satisfies(event -> assertThat(event.name()).isEmpty());
    }

    @Test
    void spansThatAreNotSampledOrEndTwiceAreStoredOnceOrNotAtAll() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        Tracer recordOnly = tracer(processor, recordOnly(), SpanLimits.getDefault());
        Span recordedNotSampled = recordOnly.spanBuilder("record only").startSpan();
        assertThat(recordedNotSampled.isRecording()).isTrue();
        recordedNotSampled.end();
        Span twice = tracer(processor).spanBuilder("ended twice").startSpan();
        twice.end();
        twice.end();

        List<StoredSpan> stored = storedAndWritten(processor, directory);

        assertThat(stored).extracting(StoredSpan::name).containsExactly("ended twice");
        assertThat(processor.writtenSpanCount()).isEqualTo(1);
    }

    /** A sampler that records every span without sampling it: processors see it, exporters must not. */
    private static Sampler recordOnly() {
        return new Sampler() {
            @Override
            public io.opentelemetry.sdk.trace.samplers.SamplingResult shouldSample(
                    io.opentelemetry.context.Context parentContext, String traceId, String name,
                    io.opentelemetry.api.trace.SpanKind spanKind, Attributes attributes,
                    List<io.opentelemetry.sdk.trace.data.LinkData> parentLinks) {
                return io.opentelemetry.sdk.trace.samplers.SamplingResult.recordOnly();
            }

            @Override
            public String getDescription() {
                return "record only";
            }
        };
    }

    @Test
    void aSpanThatCannotBeConvertedIsCountedAndTheWorkerGoesOn() throws IOException {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10))
                .directory(directory).build();
        Tracer tracer = tracer(processor);
        Span real = tracer.spanBuilder("template").startSpan();
        real.end();
        ReadableSpan broken = (ReadableSpan) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ReadableSpan.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSpanContext" -> real.getSpanContext();
                    case "getName" -> "broken";
                    case "getAttribute" -> null;
                    default -> throw new IllegalStateException("broken span: " + method.getName());
                });
        processor.onEnd(broken);
        long start = System.nanoTime();
        Span endsBeforeItStarts = tracer.spanBuilder("clock went back").setStartTimestamp(start, TimeUnit.NANOSECONDS)
                .startSpan();
        endsBeforeItStarts.end(start - 1_000_000, TimeUnit.NANOSECONDS);
        Span after = tracer.spanBuilder("after").startSpan();
        after.end();

        List<StoredSpan> stored = storedAndWritten(processor, directory);

        assertThat(stored).extracting(StoredSpan::name).containsExactlyInAnyOrder("template", "after");
        assertThat(processor.rejectedSpanCount()).isEqualTo(2);
    }
}
